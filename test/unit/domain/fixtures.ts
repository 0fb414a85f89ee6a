// Shared test data for the domain tests: one valid transaction of the wire contract.

export const VALID_TRANSACTION = Object.freeze({
  schema_version: 1,
  transaction_id: 'UKT4ZQ81XM',
  transaction_type: 'SEND_MONEY',
  timestamp: '2026-11-29T14:03:07.123+03:00',
  amount: 1500,
  fee: 23,
  currency: 'KES',
  sender: '254712345678',
  receiver: '254110000123',
  sender_type: 'CUSTOMER',
  receiver_type: 'CUSTOMER',
  market: "Murang'a",
  channel: 'APP',
  status: 'SUCCESS'
})
