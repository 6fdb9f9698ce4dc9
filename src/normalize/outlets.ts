/**
 * News outlets and agencies that reports name by short form, for publishers found in credit lines
 * ("VOA Seoul Producer Youmi Kim contributed to this report" is published by Voice of America).
 */
export const OUTLETS: Record<string, string> = {
  VOA: "Voice of America",
  AP: "Associated Press",
  AFP: "Agence France-Presse",
  BBC: "BBC",
  CNN: "CNN",
  Reuters: "Reuters",
  RFA: "Radio Free Asia",
  NYT: "The New York Times",
  WSJ: "The Wall Street Journal",
  KBS: "KBS",
  Yonhap: "Yonhap News Agency",
  NHK: "NHK",
  DW: "Deutsche Welle",
};
