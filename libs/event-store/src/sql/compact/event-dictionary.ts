/**
 * What deflate may refer back to before a stored event's first byte (compact-data.ts): the field
 * names and common values of the registry's events, written as their JSON reads. Fixed: stored
 * rows were deflated against it, so a new vocabulary means a new dictionary under a new format
 * number, the old one kept for the rows written with it. Deflate reaches nearer text more cheaply,
 * so the commonest events come last.
 */
export const EVENT_DICTIONARY_1 = Buffer.from(
  [
    '{"principalIds":["bootstrap-admin","demo-platform","demo-bank","demo-telecom","demo-carrier","demo-officer","demo-tax-office"]}',
    '{"principalId":"","role":"platform","name":"","platformId":"","keyHash":""}{"principalId":"","role":"partner","partnerId":"',
    '{"erasureId":"","keyIds":[""],"matchedBy":"identifier:","legalGround":"data_subject_request","reference":"","erased":{"values":{"nationalId":1,"personName":1},"records":{"declared_owner":1}}}',
    '{"changes":{"displayName":"","url":null,"category":""}}{"reason":"","withdrawnBy":""}{"reason":"","unlinkedBy":"","role":"platform","platformId":""}',
    '{"a":{"platformId":"","shopId":""},"b":{"platformId":"","shopId":""},"evidence":"","linkedBy":"","role":"enforcement","agency":"","caseReference":""}',
    '{"claimId":"","reason":"","retractedBy":""}{"claimId":"","reason":"","disputedBy":""}',
    '{"claimId":"","verification":{"method":"document_check","verifiedAt":"","reference":""}}',
    '{"recordId":"","partnerId":"","validFrom":"2025-01-01","validTo":null,"attestedBy":"","$s":".account,holder."}',
    '{"recordId":"","partnerId":"","validFrom":null,"validTo":null,"attestedBy":"","$s":".wallet,holder."}',
    '{"recordId":"","partnerId":"","validFrom":null,"validTo":null,"attestedBy":"","$s":".phone,subscriber."}',
    '{"recordId":"","partnerId":"","platformId":"","shopId":"","validFrom":null,"validTo":null,"attestedBy":"","$s":".address,contact."}',
    '{"officer":"demo-officer","agency":"demo-agency","caseReference":"","purpose":"counterfeit_goods","query":{"name":"operatorOfShop","params":{"shop":"","asOf":null}},',
    '"position":,"shops":[""],"persons":["nationalId:","taxCode:","bankAccount:","phone:"],"outcome":"answered"}',
    '"outcome":"not_found"}',
    '{"platformId":"lazada","shopId":"","displayName":"","url":"https://lazada.vn/","category":"electronics"}',
    '{"platformId":"tiktok","shopId":"","displayName":"","url":null,"category":"cosmetics"}',
    '{"platformId":"shopee","shopId":"","displayName":"","url":"https://shopee.vn/","category":"health"}',
    '{"claimId":"legal","role":"legal_representative","verification":{"method":"nfc_chip","verifiedAt":"2025-","reference":""},"assertedBy":"","validFrom":null,"validTo":null,"$s":".subject."}',
    '{"claimId":"pickup","role":"pickup_point"}{"claimId":"return","role":"return_address"}{"claimId":"warehouse","role":"warehouse"}',
    '{"claimId":"contact","role":"contact","verification":{"method":"telecom_confirmation","verifiedAt":"2025-","reference":""},"assertedBy":"","validFrom":null,"validTo":null,"$s":".subject."}',
    '{"claimId":"payout","role":"payout_account","verification":{"method":"bank_confirmation","verifiedAt":"2025-","reference":""},"assertedBy":"","validFrom":null,"validTo":null,"$s":".subject."}',
    '{"claimId":"payout","role":"payout_account","verification":{"method":"none","verifiedAt":null,"reference":null},"assertedBy":"","validFrom":null,"validTo":null,"$s":".subject."}',
    '{"claimId":"owner","role":"declared_owner","verification":{"method":"vneid_level_2","verifiedAt":"2025-","reference":"vneid-"},"assertedBy":"","validFrom":null,"validTo":null,"$s":".subject."}',
  ].join(''),
);
