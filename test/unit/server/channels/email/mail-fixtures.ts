// Recorded and hand-built mails for the email channel's unit tests, parsed as the server parses them.
import { readFileSync } from 'node:fs'
import { type ParsedMail, simpleParser } from 'mailparser'
import { mailParseOptions } from '../../../../../server/channels/email/read-email.ts'

export const fixture = (name: string): Buffer => readFileSync(new URL(`../../../../fixtures/email/${name}`, import.meta.url))

export const parse = (raw: Buffer | string): Promise<ParsedMail> => simpleParser(raw, mailParseOptions)

/** A small mail from header lines and a body, CRLF-joined. */
export const mail = (headers: string[], body = 'Hello'): Buffer => Buffer.from(`${[...headers, '', body].join('\r\n')}\r\n`)
