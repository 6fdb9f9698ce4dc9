/**
 * Text normalization. Everything Dossier stores and every offset it gives refers to the output of
 * `normalizeText`: NFC, LF line ends, no control characters, single spaces within a line, at most one
 * blank line between paragraphs, no leading or trailing blank space.
 */

export function normalizeText(raw: string): string {
  return (
    raw
      .replace(/^\uFEFF/, "")
      .normalize("NFC")
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
      // Tabs, no-break and other exotic spaces become plain spaces; zero-width characters go.
      .replace(/[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, " ")
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
      // Remaining C0/C1 control characters (not \n) carry no text.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, "")
      .replace(/ {2,}/g, " ")
      .replace(/ *\n */g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}

/** Light Markdown to text: headings, emphasis, links and images lose their markup, text stays. */
export function markdownToText(md: string): string {
  return md
    .replace(/^```[^\n]*\n/gm, "")
    .replace(/^```$/gm, "")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^>\s?/gm, "")
    .replace(/^\s*[-*+]\s+/gm, "- ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])/g, "$1")
    .replace(/`([^`\n]+)`/g, "$1")
    .replace(/^(?:-{3,}|\*{3,}|_{3,})$/gm, "");
}
