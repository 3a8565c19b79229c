// When a grant's project has ended, and what that ends. From the Berlin day after the end date the
// grant takes no new payment request and no change (shift, extension, partners): the money of the
// period is spent, and what remains is to account for it. Spending on money already paid can still
// be reported (it was spent within the period), the officer still decides requests made in time,
// notifications stay possible, and the reports take receipts until they are submitted (the final
// report is due six months after the end, ANBest-P 6.1). Pure.

/** Whether the project has ended on the given Berlin day: the day after its end date and later. */
export const projectEnded = (grant: { endDate: string }, today: string): boolean => today > grant.endDate;
