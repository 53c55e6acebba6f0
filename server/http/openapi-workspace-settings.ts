// The OpenAPI operations of the workspace's tag list and reply guidelines, kept apart from openapi.ts like
// the other groups.

import { guidelinesSchema, updateGuidelinesSchema } from '../../shared/schema/guidelines.ts'
import {
  createTagSchema,
  mergeTagSchema,
  tagChangeResultSchema,
  tagDeletedSchema,
  tagListSchema,
  tagResponseSchema,
  updateTagSchema,
} from '../../shared/schema/tag.ts'
import type { Operation } from './openapi-operation.ts'

export const workspaceSettingOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/tags',
    summary: 'The tag list: each tag’s colour, description and how many tickets (that the caller may see) carry it',
    response: tagListSchema,
  },
  {
    method: 'post',
    path: '/api/tags',
    summary: 'Make a tag with a colour and description (admin, supervisor); 409 tag_exists when the name is taken in any case',
    body: createTagSchema,
    response: tagResponseSchema,
    status: 201,
  },
  {
    method: 'patch',
    path: '/api/tags/{name}',
    summary:
      'Rename, recolour or describe a tag (admin, supervisor); a rename rewrites every ticket and rule naming it; 409 merge_instead when another tag has the new name',
    body: updateTagSchema,
    response: tagChangeResultSchema,
  },
  {
    method: 'delete',
    path: '/api/tags/{name}',
    summary: 'Delete a tag and take it off every ticket (admin, supervisor)',
    response: tagDeletedSchema,
  },
  {
    method: 'post',
    path: '/api/tags/{name}/merge',
    summary:
      'Merge a tag into another: its tickets and rules carry `into` instead (each once), and it is deleted (admin, supervisor)',
    body: mergeTagSchema,
    response: tagChangeResultSchema,
  },
  {
    method: 'get',
    path: '/api/guidelines',
    summary: 'The reply guidelines: the workspace’s, and each channel’s own (shown beside the composer)',
    response: guidelinesSchema,
  },
  {
    method: 'put',
    path: '/api/guidelines',
    summary: 'Set the workspace’s reply guidelines and any channel’s own; an empty text clears them (admin)',
    body: updateGuidelinesSchema,
    response: guidelinesSchema,
  },
]
