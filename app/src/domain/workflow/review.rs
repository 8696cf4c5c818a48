//! Supervisor review (主管审核): every missed deadline gets a responsible person before sign-off.

use crate::domain::sla::ClockKind;

/// The breached deadlines, each once, in the order they were first missed.
pub fn distinct_breaches(breaches: impl IntoIterator<Item = ClockKind>) -> Vec<ClockKind> {
    let mut seen = Vec::new();
    for clock in breaches {
        if !seen.contains(&clock) {
            seen.push(clock);
        }
    }
    seen
}

/// For each breached deadline, whom the supervisor named; `None` where nobody (or nobody the desk
/// knows, per `is_staff`) was named. Review is refused while any is `None`.
pub fn responsible_for<'a>(
    breached: &[ClockKind],
    named: &'a [(ClockKind, String)],
    is_staff: impl Fn(&str) -> bool,
) -> Vec<(ClockKind, Option<&'a str>)> {
    breached
        .iter()
        .map(|clock| {
            let who = named
                .iter()
                .find(|(c, who)| c == clock && !who.trim().is_empty())
                .map(|(_, who)| who.trim())
                .filter(|who| is_staff(who));
            (*clock, who)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_breached_clock_counts_once_in_the_order_first_missed() {
        use ClockKind::*;
        assert_eq!(
            distinct_breaches([CallBack, Answer, CallBack, FollowUp]),
            vec![CallBack, Answer, FollowUp]
        );
        assert!(distinct_breaches([]).is_empty());
    }

    #[test]
    fn a_breach_without_a_known_person_stays_unnamed() {
        use ClockKind::*;
        let named = vec![
            (CallBack, " technician ".to_owned()),
            (FollowUp, "nobody".to_owned()),
            (Review, "  ".to_owned()),
        ];
        let staff = |u: &str| u == "technician" || u == "agent";
        let answer = responsible_for(&[CallBack, FollowUp, Review, Answer], &named, staff);
        assert_eq!(
            answer,
            vec![(CallBack, Some("technician")), (FollowUp, None), (Review, None), (Answer, None)]
        );
        assert!(responsible_for(&[], &named, staff).is_empty());
    }
}
