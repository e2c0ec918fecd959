// 文号 (document numbers): one canonical form, so that 黄政办发[2017]27号, 黄政办发（2017）27号,
// 黄政办发(2017)27号 and 黄政办发〔2017〕27号 are the same 文号, stored and shown as 〔2017〕.

const FULL_WIDTH_DIGIT = /[０-９]/g;

/** Full-width digits (０–９) → ASCII digits; every other character is kept in place. */
export function asciiDigits(text: string): string {
  return text.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

// Any bracket pair people type around the year: [] 【】 ［］ () （） {} ｛｝ 〖〗 〔〕 ⁅⁆.
const YEAR_IN_BRACKETS = /[[【［(（{｛〖〔⁅]\s*(\d{4})\s*[\]】］)）}｝〗〕⁆]/g;

/**
 * The canonical 文号: full-width digits made ASCII, any bracket around the four-digit year made
 * 六角括号 〔〕, whitespace removed and leading zeros of the serial dropped (〔2017〕027号 → 〔2017〕27号).
 */
export function normaliseDocNumber(input: string): string {
  let s = asciiDigits(input.normalize('NFC')).replace(/\s+/g, '');
  s = s.replace(YEAR_IN_BRACKETS, '〔$1〕');
  s = s.replace(/〕(第?)0+(\d)/g, '〕$1$2');
  return s;
}

/** Whether two 文号 are the same document number, whatever their bracket forms. */
export function sameDocNumber(a: string, b: string): boolean {
  return normaliseDocNumber(a) === normaliseDocNumber(b);
}
