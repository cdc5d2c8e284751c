import { GraphQLDate, GraphQLDateTime } from "graphql-scalars";

/**
 * `Date`: a calendar date, `YYYY-MM-DD` (London dates in the data). Defined once here so every
 * domain — and the analytics contract (`submittedFrom: Date`) — refers to the same scalar.
 */
export const DateScalar = GraphQLDate;

/**
 * `DateTime`: an instant, RFC 3339 at UTC (`2024-03-01T09:30:00.000Z`). Resolvers may return
 * epoch milliseconds (how the database stores instants); inputs arrive as JS `Date`s.
 */
export const DateTimeScalar = GraphQLDateTime;
