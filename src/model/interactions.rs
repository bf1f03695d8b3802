//! How risks raise each other's likelihood: a matrix of odds multipliers between the
//! risks' events. When risk A's event happened this year or last, the odds of B's event
//! are multiplied by the multiplier of the edge A → B (several parents multiply; A counts
//! once whether it happened this year, last year or both). Edges the sources state cite
//! their quote; the others are our reading, labelled as assumptions with a rationale.

use super::error::DatasetError;
use super::provenance::{each, Provenance};
use super::register::{known_risk, RiskId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// How strongly one risk's event raises the odds of another's.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// No link (multiplier 1). Only used in edits: the data file simply leaves the edge out.
    #[default]
    None,
    Weak,
    Moderate,
    Strong,
}

impl Strength {
    pub const ALL: [Strength; 4] = [
        Strength::None,
        Strength::Weak,
        Strength::Moderate,
        Strength::Strong,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Strength::None => "No link",
            Strength::Weak => "Weak",
            Strength::Moderate => "Moderate",
            Strength::Strong => "Strong",
        }
    }

    /// A one-character mark for the grid, so strength is never shown by colour alone.
    pub fn mark(self) -> &'static str {
        match self {
            Strength::None => "·",
            Strength::Weak => "+",
            Strength::Moderate => "++",
            Strength::Strong => "+++",
        }
    }
}

/// The odds multiplier each strength stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StrengthTable {
    pub weak: f64,
    pub moderate: f64,
    pub strong: f64,
    pub provenance: Provenance,
}

impl StrengthTable {
    /// The largest multiplier accepted: beyond this one event would all but guarantee another.
    pub const MAX_MULTIPLIER: f64 = 20.0;

    /// Each multiplier is a number from 1 to [`Self::MAX_MULTIPLIER`], and they rise with
    /// strength.
    fn validate(&self) -> Result<(), DatasetError> {
        let levels = [
            ("weak", self.weak),
            ("moderate", self.moderate),
            ("strong", self.strong),
        ];
        for (name, m) in levels {
            if !m.is_finite() || !(1.0..=Self::MAX_MULTIPLIER).contains(&m) {
                return Err(DatasetError::field(
                    &format!("interactions.strengths.{name}"),
                    &format!(
                        "must be a multiplier from 1 to {} (1 means no effect)",
                        Self::MAX_MULTIPLIER
                    ),
                ));
            }
        }
        for pair in levels.windows(2) {
            let ((lower, a), (higher, b)) = (pair[0], pair[1]);
            if b < a {
                return Err(DatasetError::field(
                    &format!("interactions.strengths.{higher}"),
                    &format!("must be at least the {lower} multiplier ({a})"),
                ));
            }
        }
        Ok(())
    }

    pub fn multiplier(&self, s: Strength) -> f64 {
        match s {
            Strength::None => 1.0,
            Strength::Weak => self.weak,
            Strength::Moderate => self.moderate,
            Strength::Strong => self.strong,
        }
    }
}

/// One directed link: when `from` happens, the odds of `to` are multiplied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Edge {
    pub from: RiskId,
    pub to: RiskId,
    pub strength: Strength,
    /// Why the link exists, in plain words.
    pub why: String,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Interactions {
    pub strengths: StrengthTable,
    pub edges: Vec<Edge>,
}

impl Interactions {
    /// The dataset's edge from → to, if it has one.
    pub fn edge(&self, from: &RiskId, to: &RiskId) -> Option<&Edge> {
        self.edges.iter().find(|e| &e.from == from && &e.to == to)
    }
}

impl Interactions {
    /// Checks every invariant; the error names the field.
    pub fn validate(&self, risk_ids: &[RiskId]) -> Result<(), DatasetError> {
        self.strengths.validate()?;
        let mut seen = BTreeSet::new();
        for (i, e) in self.edges.iter().enumerate() {
            let field = format!("interactions.edges[{i}]");
            for (end, id) in [("from", &e.from), ("to", &e.to)] {
                known_risk(risk_ids, id, &format!("{field}.{end}"))?;
            }
            if e.from == e.to {
                return Err(DatasetError::field(
                    &format!("{field}.to"),
                    &format!(
                        "a risk cannot raise its own likelihood (\"{}\" to itself)",
                        e.from
                    ),
                ));
            }
            if !seen.insert((&e.from, &e.to)) {
                return Err(DatasetError::field(
                    &field,
                    &format!(
                        "the link from \"{}\" to \"{}\" is listed twice",
                        e.from, e.to
                    ),
                ));
            }
            if e.strength == Strength::None {
                return Err(DatasetError::field(
                    &format!("{field}.strength"),
                    "must be weak, moderate or strong; leave the link out if there is none",
                ));
            }
            if e.why.trim().is_empty() {
                return Err(DatasetError::field(
                    &format!("{field}.why"),
                    "must say in plain words why the link exists",
                ));
            }
        }
        Ok(())
    }

    /// Every provenance, with its field path.
    pub fn provenances(&self) -> Vec<(String, &Provenance)> {
        let mut out = vec![(
            "interactions.strengths.provenance".to_string(),
            &self.strengths.provenance,
        )];
        each(&mut out, "interactions.edges", &self.edges, |e| {
            &e.provenance
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edits::{edge_key, InteractionEdits};
    use crate::model::Dataset;

    fn builtin() -> (Interactions, Vec<RiskId>) {
        let d = Dataset::builtin().expect("the built-in dataset loads");
        let ids = d.risks.iter().map(|r| r.id.clone()).collect();
        (d.interactions, ids)
    }

    fn id(s: &str) -> RiskId {
        RiskId::new(s)
    }

    /// Validates a mutated copy of the built-in interactions and returns the faulty field.
    fn rejected(mutate: impl FnOnce(&mut Interactions)) -> String {
        let (mut x, ids) = builtin();
        mutate(&mut x);
        let err = x.validate(&ids).expect_err("the bad case is rejected");
        assert!(!err.message.is_empty());
        err.field
    }

    #[test]
    fn builtin_interactions_load_and_validate() {
        let (x, ids) = builtin();
        assert_eq!(ids.len(), 9);
        assert!(
            (15..=25).contains(&x.edges.len()),
            "{} edges",
            x.edges.len()
        );
        x.validate(&ids).unwrap();
    }

    #[test]
    fn rejects_an_edge_from_or_to_an_unknown_risk() {
        assert_eq!(
            rejected(|x| x.edges[3].to = id("R99")),
            "interactions.edges[3].to"
        );
        assert_eq!(
            rejected(|x| x.edges[0].from = id("X")),
            "interactions.edges[0].from"
        );
    }

    #[test]
    fn rejects_a_self_edge() {
        assert_eq!(
            rejected(|x| x.edges[2].to = x.edges[2].from.clone()),
            "interactions.edges[2].to"
        );
    }

    #[test]
    fn rejects_a_duplicate_edge() {
        let field = rejected(|x| {
            let copy = x.edges[1].clone();
            x.edges.push(copy);
        });
        let (x, _) = builtin();
        assert_eq!(field, format!("interactions.edges[{}]", x.edges.len()));
    }

    #[test]
    fn rejects_strength_none_and_an_empty_why() {
        assert_eq!(
            rejected(|x| x.edges[4].strength = Strength::None),
            "interactions.edges[4].strength"
        );
        assert_eq!(
            rejected(|x| x.edges[5].why = "  ".into()),
            "interactions.edges[5].why"
        );
    }

    #[test]
    fn rejects_bad_multipliers() {
        let f = "interactions.strengths";
        assert_eq!(
            rejected(|x| x.strengths.weak = f64::NAN),
            format!("{f}.weak")
        );
        assert_eq!(rejected(|x| x.strengths.weak = 0.8), format!("{f}.weak"));
        assert_eq!(
            rejected(|x| x.strengths.strong = f64::INFINITY),
            format!("{f}.strong")
        );
        assert_eq!(
            rejected(|x| x.strengths.strong = 25.0),
            format!("{f}.strong")
        );
        assert_eq!(
            rejected(|x| x.strengths.moderate = x.strengths.weak - 0.1),
            format!("{f}.moderate")
        );
        assert_eq!(
            rejected(|x| x.strengths.strong = x.strengths.moderate - 0.1),
            format!("{f}.strong")
        );
        // Equal multipliers and the bounds themselves are allowed.
        let (mut x, ids) = builtin();
        x.strengths.weak = 1.0;
        x.strengths.moderate = 1.0;
        x.strengths.strong = StrengthTable::MAX_MULTIPLIER;
        x.validate(&ids).unwrap();
    }

    #[test]
    fn matrix_has_unit_diagonal_and_edge_multipliers() {
        let (x, ids) = builtin();
        let m = x.matrix(&ids, &InteractionEdits::new());
        assert_eq!(m.len(), ids.len());
        for (a, from) in ids.iter().enumerate() {
            assert_eq!(m[a].len(), ids.len());
            assert_eq!(m[a][a], 1.0);
            for (b, to) in ids.iter().enumerate().filter(|&(b, _)| b != a) {
                let want = x
                    .edge(from, to)
                    .map_or(1.0, |e| x.strengths.multiplier(e.strength));
                assert_eq!(m[a][b], want, "{from}>{to}");
            }
        }
        let pos = |r: &str| ids.iter().position(|i| i.0 == r).unwrap();
        let e = x.edge(&id("R3"), &id("R4")).unwrap();
        assert_eq!(e.strength, Strength::Strong);
        assert_eq!(m[pos("R3")][pos("R4")], x.strengths.strong);
    }

    #[test]
    fn matrix_honours_edits() {
        let (x, ids) = builtin();
        let pos = |r: &str| ids.iter().position(|i| i.0 == r).unwrap();
        // An absent link raised by the user, and an existing one switched off.
        let (absent_from, absent_to) = ids
            .iter()
            .flat_map(|a| ids.iter().map(move |b| (a, b)))
            .find(|(a, b)| a != b && x.edge(a, b).is_none())
            .expect("some pair has no link");
        assert!(x.edge(&id("R3"), &id("R4")).is_some());
        let mut edits = InteractionEdits::new();
        edits.insert(edge_key(absent_from, absent_to), Strength::Strong);
        edits.insert(edge_key(&id("R3"), &id("R4")), Strength::None);
        let m = x.matrix(&ids, &edits);
        assert_eq!(
            m[pos(&absent_from.0)][pos(&absent_to.0)],
            x.strengths.strong
        );
        assert_eq!(m[pos("R3")][pos("R4")], 1.0);
        assert_eq!(x.strength(&edits, &id("R3"), &id("R4")), Strength::None);
        // An edit on the diagonal cannot make a risk feed itself.
        edits.insert(edge_key(&id("R1"), &id("R1")), Strength::Strong);
        assert_eq!(x.matrix(&ids, &edits)[pos("R1")][pos("R1")], 1.0);
    }

    #[test]
    fn links_are_cited_or_reasoned() {
        let (x, _) = builtin();
        let cited = x
            .edges
            .iter()
            .filter(|e| e.provenance.quoted().is_some())
            .count();
        assert!(cited > 0, "no link is quoted from the sources");
        for e in &x.edges {
            let p = &e.provenance;
            assert!(p.cite.is_some() != p.is_assumption(), "{}>{}", e.from, e.to);
            if let Some(a) = &p.assumption {
                assert!(!a.trim().is_empty(), "{}>{} has no rationale", e.from, e.to);
            } else {
                assert!(
                    p.quote.is_some(),
                    "{}>{} cites without a quote",
                    e.from,
                    e.to
                );
            }
        }
        assert!(x.strengths.provenance.is_assumption());
    }

    #[test]
    fn the_design_examples_are_cited_links() {
        let (x, _) = builtin();
        let quoted = |from: &str, to: &str| {
            x.edge(&id(from), &id(to))
                .and_then(|e| e.provenance.quoted())
                .map(|(q, _)| q.to_string())
        };
        let demand_harm = quoted("R3", "R4").expect("demand → safeguarding incident is cited");
        assert!(demand_harm.contains("a rise in serious incidents"));
        let into_regulatory: Vec<_> = ["R2", "R3"]
            .iter()
            .filter_map(|from| quoted(from, "R5"))
            .collect();
        assert!(!into_regulatory.is_empty(), "no cited link into R5");
        assert!(into_regulatory
            .iter()
            .all(|q| q.contains("key staff absent; unprecedented demand")));
    }
}
