// The OpenAPI operations of routing, SLAs and automation, kept
// apart from openapi.ts so that file stays one screen of the older resources.
import { z } from 'zod'
import {
  agentResponseSchema,
  handoffResultSchema,
  handoffSchema,
  setAvailabilitySchema,
  updateAgentSchema,
} from '../../shared/schema/agent.ts'
import { calendarListSchema, calendarResponseSchema, createCalendarSchema } from '../../shared/schema/calendar.ts'
import { notificationListQuerySchema, notificationListSchema } from '../../shared/schema/notification.ts'
import { createRuleSchema, ruleListSchema, ruleResponseSchema, updateRuleSchema } from '../../shared/schema/rule.ts'
import { createSlaPolicySchema, slaPolicyListSchema, slaPolicyResponseSchema } from '../../shared/schema/sla-policy.ts'
import type { Operation } from './openapi-operation.ts'

const ok = z.object({ ok: z.boolean() })

export const routingOperations: Operation[] = [
  {
    method: 'patch',
    path: '/api/agents/{id}',
    summary: 'Change an agent: name, role, skills, capacity, teams (admin)',
    body: updateAgentSchema,
    response: agentResponseSchema,
  },
  {
    method: 'put',
    path: '/api/me/availability',
    summary: 'Set your availability: online, away or offline (coming online routes tickets that waited)',
    body: setAvailabilitySchema,
    response: agentResponseSchema,
  },
  {
    method: 'post',
    path: '/api/me/handoff',
    summary: 'Hand all your open tickets to a teammate or a team queue with a note; goes offline by default',
    body: handoffSchema,
    response: handoffResultSchema,
  },
  {
    method: 'post',
    path: '/api/calendars',
    summary: 'Create a business-hours calendar (admin)',
    body: createCalendarSchema,
    response: calendarResponseSchema,
    status: 201,
  },
  { method: 'get', path: '/api/calendars', summary: 'List calendars', response: calendarListSchema },
  {
    method: 'post',
    path: '/api/sla-policies',
    summary: 'Create an SLA policy; the first matching one (creation order) applies (admin)',
    body: createSlaPolicySchema,
    response: slaPolicyResponseSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/sla-policies',
    summary: 'List SLA policies in the order they apply',
    response: slaPolicyListSchema,
  },
  {
    method: 'post',
    path: '/api/rules',
    summary: 'Create an automation rule; rules run in creation order (admin)',
    body: createRuleSchema,
    response: ruleResponseSchema,
    status: 201,
  },
  { method: 'get', path: '/api/rules', summary: 'List rules (admin, supervisor)', response: ruleListSchema },
  {
    method: 'patch',
    path: '/api/rules/{id}',
    summary: 'Change a rule (admin)',
    body: updateRuleSchema,
    response: ruleResponseSchema,
  },
  { method: 'delete', path: '/api/rules/{id}', summary: 'Delete a rule (admin)', response: ok },
  {
    method: 'get',
    path: '/api/notifications',
    summary: 'Your notifications, newest first, with the number unread',
    query: notificationListQuerySchema,
    response: notificationListSchema,
  },
  { method: 'post', path: '/api/notifications/{id}/read', summary: 'Mark one notification read', response: ok },
  { method: 'post', path: '/api/notifications/read', summary: 'Mark all your notifications read', response: ok },
]
