// Imports nothing: the investigator workspace (apps/workspace) offers the same list in the browser.
/**
 * Why an officer may read (Law 91/2025: processing needs a stated purpose), as codes from a fixed
 * list: a code can be counted and reviewed, and holds no personal data, where free text did
 * (officers typed the phone they were searching for into it).
 */
export const PURPOSE_CODES = {
  counterfeit_goods: 'Investigating counterfeit or fake goods',
  smuggling: 'Investigating smuggled goods',
  prohibited_goods: 'Investigating prohibited or unsafe goods',
  tax_evasion: 'Investigating tax evasion or unpaid withholding',
  consumer_complaint: 'Handling a consumer complaint',
  fraud: 'Investigating fraud or another offence against buyers',
  judicial_request: 'Answering a request of a court, prosecutor or investigating authority',
} as const;
