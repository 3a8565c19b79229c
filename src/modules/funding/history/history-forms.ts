// The internal note an officer adds to an application or a grant: a text, required, not too long.
import { z } from 'zod';
import { text } from '../../../core/http/form';
import { noteMaxLength } from './history-rules';

export const noteForm = z.object({ note: text({ max: noteMaxLength }) });
