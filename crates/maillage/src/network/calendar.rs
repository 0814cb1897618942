//! The calendar of joint actions and ties (docs/analyses.md §4, "Calendar"): each
//! dispositif's joint actions on a time axis, the periods when several of them run at
//! once ("conflits d'agenda") and those when none does, and the relations started and
//! ended each year, so that the growth of the network shows.

use super::dispositifs::dispositif_members;
use crate::model::{ActorIx, Date, Territory};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The shortest period without any action of a dispositif reported as a gap, in
/// days: a month. A week between two actions is the rhythm of the work, not a gap.
pub const CALENDAR_GAP_DAYS: i64 = 30;

/// How a dispositif takes part in a joint action, the first that applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarRole {
    /// It leads the action (`lead`).
    Lead,
    /// It is a partner (`partners`).
    Partner,
    /// It funds the action (`funders`).
    Funder,
    /// One of its working groups (a member of family `working_group`) is among the
    /// action's actors, and the dispositif itself is not.
    WorkingGroup,
}

/// A run of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day.
    pub first: Date,
    /// The last day.
    pub last: Date,
}

impl Period {
    /// How many days the period holds (1 for a single day).
    pub fn days(&self) -> i64 {
        self.last.day_number() - self.first.day_number() + 1
    }
}

/// The days an action takes on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Its first day (`start`) and its last: its `end`, or for an action without
    /// one, the calendar's horizon (or its first day when it starts after it).
    pub days: Period,
    /// No `end`: the action is still running on the horizon.
    pub open: bool,
}

/// One joint action of a dispositif.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarAction {
    /// Its index in [`Territory::actions`].
    pub action: usize,
    /// How the dispositif takes part in it (the same for every action of the group
    /// of no dispositif: [`CalendarRole::Lead`]).
    pub role: CalendarRole,
    /// Its days; `None` for an action without a `start`.
    pub span: Option<Span>,
}

/// A maximal period when at least two actions of a dispositif run on every day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Overlap {
    /// The period.
    pub period: Period,
    /// The most actions running on one of its days.
    pub peak: usize,
    /// The first run of days with that many.
    pub peak_period: Period,
}

/// A dispositif's joint actions over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DispositifCalendar {
    /// The dispositif; `None` for the actions of no dispositif.
    pub dispositif: Option<ActorIx>,
    /// Its actions: the dated ones by first day, then last day, then file order; then
    /// those without a start, in file order.
    pub actions: Vec<CalendarAction>,
    /// The periods when at least two of its actions run at once, in order (none for
    /// the group of no dispositif).
    pub overlaps: Vec<Overlap>,
    /// The periods of at least [`CALENDAR_GAP_DAYS`] days, between its first action's
    /// first day and the horizon, when none of its actions runs, in order (none for
    /// the group of no dispositif).
    pub gaps: Vec<Period>,
}

/// The relations of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearTies {
    /// The year.
    pub year: i32,
    /// Relations whose first day (`since`) falls in the year.
    pub started: usize,
    /// Relations whose last day (the day before `until`) falls in the year.
    pub ended: usize,
    /// Relations valid on 31 December of the year (those without `since` included).
    pub valid_at_end: usize,
}

/// The calendar of a territory's joint actions and relations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Calendar {
    /// The day the calendar is observed on: the territory's date, or without one the
    /// latest day an action names. Open actions run up to it.
    pub horizon: Option<Date>,
    /// Each dispositif with at least one action, in bundle order, then the actions of
    /// no dispositif when there are some.
    pub dispositifs: Vec<DispositifCalendar>,
    /// The dispositifs with no joint action, in bundle order.
    pub without_action: Vec<ActorIx>,
    /// Every year from the first to the last that a relation's `since` or last day
    /// names, in order; empty when no relation has a date.
    pub ties_by_year: Vec<YearTies>,
    /// Relations without `since`: valid from the start of the calendar.
    pub relations_without_start: usize,
}

impl Calendar {
    /// Whether some action has a `start` or some relation a date.
    pub fn has_dates(&self) -> bool {
        !self.ties_by_year.is_empty()
            || self
                .dispositifs
                .iter()
                .flat_map(|d| &d.actions)
                .any(|a| a.span.is_some())
    }
}

/// The calendar of a territory's joint actions and relations (docs/analyses.md §4,
/// "Calendar"). Every action counts, whatever its dates; an action belongs to each
/// dispositif among its actors, and to the dispositifs whose working groups are among
/// them (members on the territory's date).
///
/// # Complexity
/// O(Σ actors of the actions + a log a + r · y) for a actions, r relations and y
/// years.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::calendar;
/// let c = calendar(&territory);
/// let clsm = territory.actor_by_id("clsm_lyon7").unwrap();
/// let clsm = c.dispositifs.iter().find(|d| d.dispositif == Some(clsm)).unwrap();
/// assert_eq!(clsm.actions.len(), 2);
/// // the mental-health weeks run beside "A vos marques, prêts, parlez !"
/// assert_eq!(clsm.overlaps[0].period.first.to_string(), "2023-10-09");
/// assert!(c.ties_by_year.iter().any(|y| y.started > 0));
/// ```
pub fn calendar(territory: &Territory) -> Calendar {
    calendar_with(territory, &dispositif_members(territory, territory.date))
}

/// [`calendar`] with the dispositifs' members already gathered on the territory's
/// date (the diagnosis's).
pub(crate) fn calendar_with(
    territory: &Territory,
    memberships: &BTreeMap<ActorIx, BTreeSet<ActorIx>>,
) -> Calendar {
    let horizon = territory.date.or_else(|| {
        territory
            .actions
            .iter()
            .flat_map(|a| [a.start(), a.end()])
            .flatten()
            .max()
    });
    let mut groups_of: BTreeMap<ActorIx, Vec<ActorIx>> = BTreeMap::new();
    for (&d, members) in memberships {
        for &m in members {
            if territory.actor(m).family == "working_group" {
                groups_of.entry(m).or_default().push(d);
            }
        }
    }
    let mut by_dispositif: BTreeMap<ActorIx, Vec<CalendarAction>> = BTreeMap::new();
    let mut alone: Vec<CalendarAction> = Vec::new();
    for (i, action) in territory.actions.iter().enumerate() {
        let span = span_of(action.start(), action.end(), horizon);
        let mut roles: BTreeMap<ActorIx, CalendarRole> = BTreeMap::new();
        let actors = [
            (&action.lead, CalendarRole::Lead),
            (&action.partners, CalendarRole::Partner),
            (&action.funders, CalendarRole::Funder),
        ];
        for (list, role) in actors {
            for &a in list.iter() {
                if territory.actor(a).is_dispositif() {
                    let r = roles.entry(a).or_insert(role);
                    *r = (*r).min(role);
                }
            }
        }
        for (list, _) in actors {
            for a in list.iter() {
                for &d in groups_of.get(a).into_iter().flatten() {
                    roles.entry(d).or_insert(CalendarRole::WorkingGroup);
                }
            }
        }
        if roles.is_empty() {
            alone.push(CalendarAction {
                action: i,
                role: CalendarRole::Lead,
                span,
            });
        }
        for (d, role) in roles {
            by_dispositif.entry(d).or_default().push(CalendarAction {
                action: i,
                role,
                span,
            });
        }
    }
    let without_action = territory
        .actors
        .iter()
        .enumerate()
        .filter(|(i, a)| a.is_dispositif() && !by_dispositif.contains_key(&ActorIx(*i as u32)))
        .map(|(i, _)| ActorIx(i as u32))
        .collect();
    let mut dispositifs: Vec<DispositifCalendar> = by_dispositif
        .into_iter()
        .map(|(d, actions)| group(Some(d), actions, horizon))
        .collect();
    if !alone.is_empty() {
        dispositifs.push(group(None, alone, horizon));
    }
    let (ties_by_year, relations_without_start) = ties_by_year(territory);
    Calendar {
        horizon,
        dispositifs,
        without_action,
        ties_by_year,
        relations_without_start,
    }
}

/// The days of an action from its `start` and `end`: none without a start; an open
/// end runs to the horizon, or stops on the first day when it starts after it.
fn span_of(start: Option<Date>, end: Option<Date>, horizon: Option<Date>) -> Option<Span> {
    let first = start?;
    let (last, open) = match end {
        Some(end) => (end, false),
        None => (horizon.unwrap_or(first), true),
    };
    Some(Span {
        days: Period {
            first,
            last: last.max(first),
        },
        open,
    })
}

/// One group of actions in calendar order, with its overlaps and gaps (a dispositif's
/// only).
fn group(
    dispositif: Option<ActorIx>,
    mut actions: Vec<CalendarAction>,
    horizon: Option<Date>,
) -> DispositifCalendar {
    actions.sort_by_key(|a| {
        (
            a.span.is_none(),
            a.span.map(|s| (s.days.first, s.days.last)),
            a.action,
        )
    });
    let (overlaps, gaps) = match dispositif {
        Some(_) => {
            let days: Vec<Period> = actions
                .iter()
                .filter_map(|a| a.span)
                .map(|s| s.days)
                .collect();
            (overlaps(&days), gaps(&days, horizon))
        }
        None => (Vec::new(), Vec::new()),
    };
    DispositifCalendar {
        dispositif,
        actions,
        overlaps,
        gaps,
    }
}

/// How many of the periods run on each day: runs of days with the same count, in
/// order, from the first day of the first period; the last run (count 0) has no end.
fn runs(periods: &[Period]) -> Vec<(Date, Option<Date>, usize)> {
    let mut changes: BTreeMap<Date, i64> = BTreeMap::new();
    for p in periods {
        *changes.entry(p.first).or_default() += 1;
        *changes.entry(p.last.next_day()).or_default() -= 1;
    }
    let mut out: Vec<(Date, Option<Date>, usize)> = Vec::new();
    let mut count: i64 = 0;
    for (day, change) in changes {
        if change == 0 {
            continue;
        }
        count += change;
        if let Some(last) = out.last_mut() {
            last.1 = Some(day.previous_day());
        }
        out.push((day, None, count as usize));
    }
    out
}

/// The maximal periods when at least two of the periods hold, each with its peak.
fn overlaps(periods: &[Period]) -> Vec<Overlap> {
    let mut out: Vec<Overlap> = Vec::new();
    let mut open: Option<Overlap> = None;
    for (first, last, count) in runs(periods) {
        if count >= 2 {
            let last = last.expect("a run of two or more ends");
            let run = Period { first, last };
            let o = open.get_or_insert(Overlap {
                period: run,
                peak: count,
                peak_period: run,
            });
            o.period.last = last;
            if count > o.peak {
                o.peak = count;
                o.peak_period = run;
            }
        } else if let Some(o) = open.take() {
            out.push(o);
        }
    }
    out.extend(open);
    out
}

/// The periods of at least [`CALENDAR_GAP_DAYS`] days, from the first day of the first
/// period up to the horizon, when none of the periods holds.
fn gaps(periods: &[Period], horizon: Option<Date>) -> Vec<Period> {
    let Some(horizon) = horizon else {
        return Vec::new();
    };
    runs(periods)
        .into_iter()
        .filter(|&(first, _, count)| count == 0 && first <= horizon)
        .map(|(first, last, _)| Period {
            first,
            last: last.map_or(horizon, |l| l.min(horizon)),
        })
        .filter(|p| p.days() >= CALENDAR_GAP_DAYS)
        .collect()
}

/// The relations started, ended and valid at the end of each year, and how many have
/// no `since`.
fn ties_by_year(territory: &Territory) -> (Vec<YearTies>, usize) {
    let mut started: BTreeMap<i32, usize> = BTreeMap::new();
    let mut ended: BTreeMap<i32, usize> = BTreeMap::new();
    let mut without_start = 0;
    for r in &territory.relations {
        match r.validity.since {
            Some(since) => *started.entry(since.year()).or_default() += 1,
            None => without_start += 1,
        }
        if let Some(until) = r.validity.until {
            *ended.entry(until.previous_day().year()).or_default() += 1;
        }
    }
    let years = started.keys().chain(ended.keys());
    let (Some(&from), Some(&to)) = (years.clone().min(), years.max()) else {
        return (Vec::new(), without_start);
    };
    let mut valid_at_end: BTreeMap<i32, usize> = BTreeMap::new();
    for r in &territory.relations {
        let from_year = r.validity.since.map_or(from, |s| s.year());
        // valid on 31 December of year y: since ≤ y-12-31 < until
        let to_year = r.validity.until.map_or(to, |u| u.year() - 1);
        for y in from_year..=to_year {
            *valid_at_end.entry(y).or_default() += 1;
        }
    }
    let out = (from..=to)
        .map(|year| YearTies {
            year,
            started: started.get(&year).copied().unwrap_or(0),
            ended: ended.get(&year).copied().unwrap_or(0),
            valid_at_end: valid_at_end.get(&year).copied().unwrap_or(0),
        })
        .collect();
    (out, without_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn p(first: &str, last: &str) -> Period {
        Period {
            first: d(first),
            last: d(last),
        }
    }

    #[test]
    fn finds_the_days_when_several_run_and_their_peak() {
        let periods = [
            p("2023-01-01", "2023-06-30"),
            p("2023-03-01", "2023-04-30"),
            p("2023-04-01", "2023-09-30"),
            p("2023-12-01", "2023-12-01"),
            p("2023-12-01", "2023-12-31"),
        ];
        let o = overlaps(&periods);
        assert_eq!(o.len(), 2);
        assert_eq!(o[0].period, p("2023-03-01", "2023-06-30"));
        assert_eq!(o[0].peak, 3);
        assert_eq!(o[0].peak_period, p("2023-04-01", "2023-04-30"));
        assert_eq!(o[1].period, p("2023-12-01", "2023-12-01"));
        assert_eq!(o[1].peak, 2);
    }

    #[test]
    fn finds_a_month_or_more_without_action_up_to_the_horizon() {
        let periods = [
            p("2021-01-01", "2021-08-31"),
            p("2021-09-10", "2021-09-10"), // 9 days after: no gap
            p("2022-03-01", "2022-03-31"),
        ];
        let g = gaps(&periods, Some(d("2022-06-30")));
        assert_eq!(
            g,
            vec![p("2021-09-11", "2022-02-28"), p("2022-04-01", "2022-06-30")]
        );
        // nothing is a gap before the first action, nor after the horizon
        assert_eq!(gaps(&periods, Some(d("2022-04-15"))).len(), 1);
        assert!(gaps(&periods, Some(d("2020-12-31"))).is_empty());
        let planned = [p("2024-01-01", "2024-03-31"), p("2024-11-14", "2024-11-14")];
        assert_eq!(
            gaps(&planned, Some(d("2024-06-30"))),
            vec![p("2024-04-01", "2024-06-30")]
        );
    }

    #[test]
    fn ends_open_actions_on_the_horizon() {
        let s = span_of(Some(d("2022-01-01")), None, Some(d("2024-06-30"))).unwrap();
        assert_eq!((s.days, s.open), (p("2022-01-01", "2024-06-30"), true));
        let later = span_of(Some(d("2025-01-01")), None, Some(d("2024-06-30"))).unwrap();
        assert_eq!(later.days, p("2025-01-01", "2025-01-01"));
        assert!(span_of(None, Some(d("2024-01-01")), Some(d("2024-06-30"))).is_none());
    }
}
