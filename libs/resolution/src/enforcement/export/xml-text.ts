// eslint-disable-next-line no-control-regex -- the XML 1.0 Char production allows tab, LF and CR as its only control characters
const NOT_XML_CHAR = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text and attribute values as XML 1.0 allows them: markup escaped, characters XML cannot carry dropped. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
