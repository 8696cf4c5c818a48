//! Working-time deadlines: the company calendar (business hours, public holidays, make-up working days)
//! and SLA clocks measured against it. Pure functions on company-local times.

mod calendar;
mod calendar_form;
pub mod china;
mod clock;
pub mod policy;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
mod ticket;

pub use calendar::{Period, WorkCalendar};
pub use calendar_form::CalendarForm;
pub use clock::{ClockReading, ClockState, SlaClock};
pub use policy::{ClockKind, ClockPolicy, clock_from_history, default_policies};
pub use ticket::{DEFAULT_RISK_SHARE, ticket_clocks};
