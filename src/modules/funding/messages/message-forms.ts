// The form of a message: its text (the attachments are files, checked in message-rules.ts).
import { z } from 'zod';
import { text } from '../../../core/http/form';
import { MAX_BODY } from './message-rules';

export const messageForm = z.object({ body: text({ max: MAX_BODY }) });
