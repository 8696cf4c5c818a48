//! (ssr) The dashboard's arithmetic, apart from the queries that feed it: pure, so it is tested
//! without a database.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::{DashboardFilter, JobRef, OpenCounts, TechnicianRow};
use crate::domain::{ServiceType, TicketStatus, Urgency};

/// How many open tickets share these five facts.
#[derive(Debug, Clone, Deserialize)]
pub struct Bucket {
    pub status: TicketStatus,
    pub service_type: ServiceType,
    pub urgency: Urgency,
    pub region: String,
    pub product_line: String,
    pub n: i64,
}

impl DashboardFilter {
    /// Whether a ticket of `region` and `product_line` passes the filters.
    pub fn admits(&self, region: &str, product_line: &str) -> bool {
        (self.region.is_empty() || self.region == region)
            && (self.product_line.is_empty() || self.product_line == product_line)
    }
}

/// Open-work counts for `filter`, and every region and product line that has open work.
pub fn summarize(buckets: &[Bucket], filter: &DashboardFilter) -> (OpenCounts, Vec<String>, Vec<String>) {
    let mut counts = OpenCounts::default();
    let mut by_status = BTreeMap::<usize, u64>::new();
    let mut by_type = BTreeMap::<usize, u64>::new();
    let (mut regions, mut lines) = (BTreeSet::new(), BTreeSet::new());
    for bucket in buckets.iter().filter(|b| b.n > 0) {
        regions.insert(bucket.region.clone());
        lines.insert(bucket.product_line.clone());
        if !bucket.status.is_open() || !filter.admits(&bucket.region, &bucket.product_line) {
            continue;
        }
        let n = bucket.n as u64;
        counts.total += n;
        if bucket.urgency == Urgency::Urgent {
            counts.urgent += n;
        }
        let status_at = TicketStatus::ALL.iter().position(|s| *s == bucket.status).unwrap_or(usize::MAX);
        *by_status.entry(status_at).or_default() += n;
        let type_at = ServiceType::ALL.iter().position(|t| *t == bucket.service_type).unwrap_or(usize::MAX);
        *by_type.entry(type_at).or_default() += n;
    }
    counts.by_status =
        by_status.into_iter().filter_map(|(i, n)| TicketStatus::ALL.get(i).map(|s| (*s, n))).collect();
    counts.by_type =
        by_type.into_iter().filter_map(|(i, n)| ServiceType::ALL.get(i).map(|t| (*t, n))).collect();
    let lines = lines.into_iter().filter(|l| !l.is_empty()).collect();
    (counts, regions.into_iter().collect(), lines)
}

/// An open job dispatched to a technician, as the board query reads it.
#[derive(Debug, Clone, Deserialize)]
pub struct OpenJob {
    pub number: String,
    pub status: TicketStatus,
    pub company: String,
    pub tech: String,
    /// Company time, `YYYY-MM-DD HH:MM`.
    pub appointment: Option<String>,
}

/// How likely a state means "this is where they are now": on site first.
fn presence(status: TicketStatus) -> u8 {
    match status {
        TicketStatus::InProgress => 0,
        TicketStatus::EnRoute => 1,
        TicketStatus::WaitingParts | TicketStatus::WaitingCustomer => 2,
        TicketStatus::Scheduled => 3,
        _ => 4,
    }
}

/// The technicians' board: every technician (even with nothing to do), their current job, open
/// count and next appointment from `now_local` (`YYYY-MM-DD HH:MM`, company time) on. Busiest first.
pub fn technician_board(
    technicians: &[(String, String)],
    jobs: &[OpenJob],
    now_local: &str,
) -> Vec<TechnicianRow> {
    let mut rows: Vec<TechnicianRow> = technicians
        .iter()
        .map(|(username, display_name)| {
            let theirs: Vec<&OpenJob> = jobs.iter().filter(|j| &j.tech == username).collect();
            let current = theirs
                .iter()
                .min_by_key(|j| (presence(j.status), j.appointment.clone().unwrap_or_default()))
                .map(|j| JobRef { number: j.number.clone(), status: j.status, company: j.company.clone() });
            let next_appointment =
                theirs.iter().filter_map(|j| j.appointment.clone()).filter(|a| a.as_str() >= now_local).min();
            TechnicianRow {
                username: username.clone(),
                display_name: display_name.clone(),
                current,
                open_jobs: theirs.len() as u64,
                next_appointment,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.open_jobs.cmp(&a.open_jobs).then_with(|| a.username.cmp(&b.username)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket(status: TicketStatus, urgency: Urgency, region: &str, line: &str, n: i64) -> Bucket {
        Bucket {
            status,
            service_type: ServiceType::FieldRepair,
            urgency,
            region: region.into(),
            product_line: line.into(),
            n,
        }
    }

    #[test]
    fn open_work_is_counted_per_filter_and_closed_or_empty_buckets_do_not_count() {
        let buckets = [
            bucket(TicketStatus::New, Urgency::Urgent, "华东·苏州", "VMC", 3),
            bucket(TicketStatus::InProgress, Urgency::Normal, "华南·深圳", "GX", 2),
            bucket(TicketStatus::Closed, Urgency::Normal, "华东·苏州", "VMC", 40),
            bucket(TicketStatus::Accepted, Urgency::Normal, "华北·北京", "HT", 0),
        ];
        let (all, regions, lines) = summarize(&buckets, &DashboardFilter::default());
        assert_eq!((all.total, all.urgent), (5, 3));
        assert_eq!(all.by_status, [(TicketStatus::New, 3), (TicketStatus::InProgress, 2)]);
        assert_eq!(all.by_type, [(ServiceType::FieldRepair, 5)]);
        assert_eq!(regions, ["华东·苏州", "华南·深圳"], "an empty bucket offers no choice");
        assert_eq!(lines, ["GX", "VMC"]);

        let east = DashboardFilter { region: "华东·苏州".into(), product_line: String::new() };
        assert_eq!(summarize(&buckets, &east).0.total, 3);
        let gx_in_east = DashboardFilter { region: "华东·苏州".into(), product_line: "GX".into() };
        assert_eq!(summarize(&buckets, &gx_in_east).0, OpenCounts::default());
    }

    fn job(number: &str, status: TicketStatus, tech: &str, appointment: Option<&str>) -> OpenJob {
        OpenJob {
            number: number.into(),
            status,
            company: "客户".into(),
            tech: tech.into(),
            appointment: appointment.map(str::to_owned),
        }
    }

    #[test]
    fn the_board_shows_where_each_technician_is_and_what_comes_next() {
        let technicians = [("wang".to_owned(), "王磊".to_owned()), ("zhang".to_owned(), "张伟".to_owned())];
        let jobs = [
            job("A", TicketStatus::Scheduled, "wang", Some("2026-11-27 09:00")),
            job("B", TicketStatus::InProgress, "wang", Some("2026-11-26 08:00")),
            job("C", TicketStatus::Scheduled, "wang", Some("2026-11-26 15:00")),
        ];
        let board = technician_board(&technicians, &jobs, "2026-11-26 10:00");
        assert_eq!(board[0].username, "wang");
        assert_eq!(board[0].current.as_ref().map(|j| j.number.as_str()), Some("B"), "on site beats booked");
        assert_eq!(board[0].next_appointment.as_deref(), Some("2026-11-26 15:00"), "past ones are not next");
        assert_eq!(board[0].open_jobs, 3);
        assert_eq!(
            (board[1].username.as_str(), board[1].open_jobs, board[1].current.is_none()),
            ("zhang", 0, true)
        );
    }
}
