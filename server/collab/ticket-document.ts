// The assignment write the rule engine imports from this path. The document's shape and its reads and
// writes are shared/protocol/ticket-document.ts's; this file goes once the rules are handed that write.
export { setAssignment } from '../../shared/protocol/ticket-document.ts'
