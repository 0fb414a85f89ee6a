// The closed vocabularies of the wire contract: transaction types, party types, channels, statuses, account event types.

export const TRANSACTION_TYPES = [
  'SEND_MONEY',
  'PAYBILL',
  'BUY_GOODS',
  'WITHDRAW',
  'DEPOSIT',
  'AIRTIME',
  'B2C',
  'REVERSAL'
] as const
export type TransactionType = (typeof TRANSACTION_TYPES)[number]

export const PARTY_TYPES = ['CUSTOMER', 'AGENT', 'PAYBILL', 'TILL', 'BUSINESS'] as const
export type PartyType = (typeof PARTY_TYPES)[number]

export const CHANNELS = ['USSD', 'APP', 'STK', 'AGENT'] as const
export type Channel = (typeof CHANNELS)[number]

export const TRANSACTION_STATUSES = ['SUCCESS', 'FAILED'] as const
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number]

export const ACCOUNT_EVENT_TYPES = ['SIM_SWAP', 'PIN_RESET', 'DEVICE_CHANGE'] as const
export type AccountEventType = (typeof ACCOUNT_EVENT_TYPES)[number]

export const CURRENCY = 'KES'
export const TRANSACTION_SCHEMA_VERSION = 1
