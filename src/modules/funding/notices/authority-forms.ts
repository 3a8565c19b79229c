// The administrators' form for the issuing authority. What the fields must hold together is authority.ts.
import { z } from 'zod';
import { text } from '../../../core/http/form';

export const authorityForm = z.object({
  name: text({ max: 300 }),
  address: text({ max: 1000 }),
  unit: text({ max: 300 }),
  contact: text({ max: 200 }),
  phone: text({ max: 40 }),
  email: text({ max: 200 }),
});
