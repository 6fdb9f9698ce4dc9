/**
 * Span-level precision, recall and F1 (exact match of start, end and type, as conlleval counts).
 *
 * Hand-written: a few lines; conlleval itself is a Perl script.
 */
import type { Span } from "./tags.js";

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export class SpanScorer {
  private readonly counts = new Map<string, { tp: number; fp: number; fn: number }>();

  private get(type: string) {
    const c = this.counts.get(type);
    if (c) return c;
    const fresh = { tp: 0, fp: 0, fn: 0 };
    this.counts.set(type, fresh);
    return fresh;
  }

  /** Adds one sentence's (or document's) gold and predicted spans. */
  add(gold: readonly Span[], pred: readonly Span[]): void {
    const key = (s: Span) => `${s.start}:${s.end}:${s.type}`;
    const g = new Set(gold.map(key));
    const p = new Set(pred.map(key));
    for (const s of pred) {
      if (g.has(key(s))) this.get(s.type).tp++;
      else this.get(s.type).fp++;
    }
    for (const s of gold) if (!p.has(key(s))) this.get(s.type).fn++;
  }

  private static prf(tp: number, fp: number, fn: number): PRF {
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { tp, fp, fn, precision, recall, f1 };
  }

  perType(): Record<string, PRF> {
    const out: Record<string, PRF> = {};
    for (const [t, c] of [...this.counts].sort()) out[t] = SpanScorer.prf(c.tp, c.fp, c.fn);
    return out;
  }

  micro(): PRF {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const c of this.counts.values()) {
      tp += c.tp;
      fp += c.fp;
      fn += c.fn;
    }
    return SpanScorer.prf(tp, fp, fn);
  }
}
