//! The links between the risks as a network: the risks as labelled nodes on a circle and
//! an arrow for every link in force, its line showing its strength (dotted, dashed, solid
//! and thicker as it strengthens) and its colour whether the sources state it or it is our
//! reading of them. The geometry (node positions, where edges start and stop, arrowheads,
//! where names go) is pure and tested; the drawing follows it.

use super::kit::{
    approx_width, label, number_word, render, risk_name, text_style, wrap, Chart, DrawResult, Root,
    Table, DARK_BLUE, DARK_GREY, DARK_PINK, ORANGE, TEXT, TEXT_PX, WIDTH,
};
use crate::model::interactions::{edge_key, InteractionEdits, Interactions, Strength};
use crate::model::{Dataset, RiskId};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// The drawing's height in user units (it is [`WIDTH`] wide).
pub const NET_HEIGHT: u32 = 560;
/// How far apart the two arrows of a mutual link are, either side of the line between
/// the nodes, in user units.
pub const MUTUAL_OFFSET: f64 = 7.0;
/// Names wrap at about this many characters.
const NAME_CHARS: usize = 14;
const LINE_PX: f64 = 15.0;

/// Where the circle of nodes goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NetLayout {
    pub cx: f64,
    pub cy: f64,
    /// Radius of the circle the nodes sit on.
    pub radius: f64,
    /// Radius of each node.
    pub node_r: f64,
}

impl Default for NetLayout {
    fn default() -> Self {
        NetLayout {
            cx: f64::from(WIDTH) / 2.0,
            cy: 306.0,
            radius: 175.0,
            node_r: 21.0,
        }
    }
}

/// The nodes' centres: evenly round the circle, the first at the top, clockwise.
pub fn node_positions(n: usize, l: &NetLayout) -> Vec<(f64, f64)> {
    (0..n)
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n.max(1) as f64;
            (l.cx + l.radius * a.sin(), l.cy - l.radius * a.cos())
        })
        .collect()
}

/// An arrow from one node to another.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeGeometry {
    /// On the edge of the `from` node.
    pub start: (f64, f64),
    /// The arrowhead's tip, on the edge of the `to` node.
    pub tip: (f64, f64),
    /// Where the line stops (inside the arrowhead, so a thick line does not poke out).
    pub shaft_end: (f64, f64),
    /// The arrowhead: tip, then the two corners of its base.
    pub head: [(f64, f64); 3],
}

/// The arrow from the node at `from` to the node at `to` (both of radius `node_r`),
/// shifted `offset` to the left of its direction (as seen on screen, y down), so that the
/// two arrows of a mutual link, each shifted the same way along its own direction, lie on
/// opposite sides. Both ends lie on the nodes' circles. None when the nodes are too close
/// for an arrow.
pub fn edge_geometry(
    from: (f64, f64),
    to: (f64, f64),
    node_r: f64,
    offset: f64,
    head_len: f64,
    head_w: f64,
) -> Option<EdgeGeometry> {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = dx.hypot(dy);
    if !len.is_finite() || len <= 2.0 * node_r + head_len || node_r <= 0.0 {
        return None;
    }
    let u = (dx / len, dy / len);
    // Left of the direction on screen (y runs down): rotate by −90°.
    let nrm = (u.1, -u.0);
    let offset = offset.clamp(-node_r * 0.8, node_r * 0.8);
    let along = (node_r * node_r - offset * offset).sqrt();
    let shift = (nrm.0 * offset, nrm.1 * offset);
    let start = (
        from.0 + shift.0 + u.0 * along,
        from.1 + shift.1 + u.1 * along,
    );
    let tip = (to.0 + shift.0 - u.0 * along, to.1 + shift.1 - u.1 * along);
    let base = (tip.0 - u.0 * head_len, tip.1 - u.1 * head_len);
    let half = head_w / 2.0;
    Some(EdgeGeometry {
        start,
        tip,
        shaft_end: (tip.0 - u.0 * head_len * 0.7, tip.1 - u.1 * head_len * 0.7),
        head: [
            tip,
            (base.0 + nrm.0 * half, base.1 + nrm.1 * half),
            (base.0 - nrm.0 * half, base.1 - nrm.1 * half),
        ],
    })
}

/// How a node's name lines up against its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

/// A node's name, wrapped, and the box it takes: (left, top, right, bottom).
#[derive(Debug, Clone, PartialEq)]
pub struct NodeLabel {
    pub lines: Vec<String>,
    pub bounds: (f64, f64, f64, f64),
    pub align: Align,
}

/// Where a node's name goes: outside the circle, beside the node on the left and right,
/// above the top nodes and below the bottom ones.
pub fn node_label(node: (f64, f64), name: &str, l: &NetLayout) -> NodeLabel {
    let lines = wrap(name, NAME_CHARS, 2);
    let w = lines
        .iter()
        .map(|s| f64::from(approx_width(s, TEXT_PX)))
        .fold(0.0, f64::max);
    let h = lines.len().max(1) as f64 * LINE_PX;
    let (sx, sy) = (
        (node.0 - l.cx) / l.radius.max(1.0),
        (node.1 - l.cy) / l.radius.max(1.0),
    );
    let gap = l.node_r + 6.0;
    let (bounds, align) = if sx.abs() < 0.35 {
        let top = if sy < 0.0 {
            node.1 - gap - h
        } else {
            node.1 + gap
        };
        (
            (node.0 - w / 2.0, top, node.0 + w / 2.0, top + h),
            Align::Centre,
        )
    } else if sx > 0.0 {
        let left = node.0 + gap;
        (
            (left, node.1 - h / 2.0, left + w, node.1 + h / 2.0),
            Align::Left,
        )
    } else {
        let right = node.0 - gap;
        (
            (right - w, node.1 - h / 2.0, right, node.1 + h / 2.0),
            Align::Right,
        )
    };
    NodeLabel {
        lines,
        bounds,
        align,
    }
}

/// Where a link's strength and evidence come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The dataset's link, with a citation to the sources.
    Stated,
    /// The dataset's link, our reading of the sources (an assumption).
    Reading,
    /// A link the dataset does not have, added by the user.
    Added,
}

impl Basis {
    pub fn words(self) -> &'static str {
        match self {
            Basis::Stated => "Stated in the sources",
            Basis::Reading => "Our reading",
            Basis::Added => "Added by you",
        }
    }

    pub fn colour(self) -> RGBColor {
        match self {
            Basis::Stated => DARK_BLUE,
            Basis::Reading => ORANGE,
            Basis::Added => DARK_PINK,
        }
    }
}

/// How a strength is drawn: line width, dash (length, gap; None solid), arrowhead
/// (length, width).
pub fn strength_style(s: Strength) -> (u32, Option<(u32, u32)>, (f64, f64)) {
    match s {
        Strength::None => (1, Some((1, 6)), (8.0, 6.0)),
        Strength::Weak => (2, Some((2, 4)), (10.0, 8.0)),
        Strength::Moderate => (3, Some((8, 5)), (12.0, 10.0)),
        Strength::Strong => (5, None, (15.0, 13.0)),
    }
}

/// One link in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub from: usize,
    pub to: usize,
    pub strength: Strength,
    /// The dataset's strength, if the user changed it.
    pub was: Option<Strength>,
    pub basis: Basis,
    pub why: String,
}

/// Every link in force between the dataset's risks, in register order.
pub fn links(ids: &[RiskId], x: &Interactions, edits: &InteractionEdits) -> Vec<Link> {
    let mut out = Vec::new();
    for (a, from) in ids.iter().enumerate() {
        for (b, to) in ids.iter().enumerate() {
            if a == b {
                continue;
            }
            let strength = x.strength(edits, from, to);
            if strength == Strength::None {
                continue;
            }
            let edge = x.edge(from, to);
            let (basis, why, data) = match edge {
                Some(e) if e.provenance.cite.is_some() => {
                    (Basis::Stated, e.why.clone(), e.strength)
                }
                Some(e) => (Basis::Reading, e.why.clone(), e.strength),
                None => (
                    Basis::Added,
                    "You added this link; the sources and our reading have none.".to_string(),
                    Strength::None,
                ),
            };
            out.push(Link {
                from: a,
                to: b,
                strength,
                was: (edge.is_some()
                    && edits.contains_key(&edge_key(from, to))
                    && data != strength)
                    .then_some(data),
                basis,
                why,
            });
        }
    }
    out
}

/// "×1.5", "×2", "×2.25".
fn multiplier(m: f64) -> String {
    let s = format!("{:.2}", if m.is_finite() { m } else { 1.0 });
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("×{s}")
}

fn px(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// A line with a strength's dash.
fn stroke(root: &Root, pts: Vec<(i32, i32)>, s: Strength, c: RGBColor) -> DrawResult {
    let (w, dash, _) = strength_style(s);
    match dash {
        Some((len, gap)) => root.draw(&DashedPathElement::new(pts, len, gap, c.stroke_width(w)))?,
        None => root.draw(&PathElement::new(pts, c.stroke_width(w)))?,
    }
    Ok(())
}

/// The key: the three strengths, then the bases in use; returns its bottom.
fn key(root: &Root, x: &Interactions, bases: &[Basis]) -> DrawResult<i32> {
    let style = text_style(TEXT_PX, TEXT, (HPos::Left, VPos::Center));
    let mut at = 16;
    let y = 18;
    for s in [Strength::Weak, Strength::Moderate, Strength::Strong] {
        stroke(root, vec![(at, y), (at + 34, y)], s, DARK_GREY)?;
        let words = format!(
            "{}: odds {}",
            s.label(),
            multiplier(x.strengths.multiplier(s))
        );
        label(root, &words, (at + 42, y), &style)?;
        at += 42 + approx_width(&words, TEXT_PX) + 24;
    }
    let mut at = 16;
    let y = 42;
    for b in bases {
        root.draw(&PathElement::new(
            vec![(at, y), (at + 34, y)],
            b.colour().stroke_width(4),
        ))?;
        let words = match b {
            Basis::Reading => "Our reading of the sources",
            _ => b.words(),
        };
        label(root, words, (at + 42, y), &style)?;
        at += 42 + approx_width(words, TEXT_PX) + 24;
    }
    Ok(y + 12)
}

/// The nine risks as nodes on a circle and an arrow for every link in force.
pub fn network(ds: &Dataset, interactions: &Interactions, edits: &InteractionEdits) -> Chart {
    let ids: Vec<RiskId> = ds.risks.iter().map(|r| r.id.clone()).collect();
    let all = links(&ids, interactions, edits);
    let name = |i: usize| {
        ds.risks
            .get(i)
            .map(|r| risk_name(ds, &r.id))
            .unwrap_or_default()
    };
    let mut table = Table::new(
        "Every link in force between the risks: when the first risk happens, the odds of the \
         second happening that year and the next are multiplied",
        &["From", "To", "Strength", "Odds multiplier", "Basis", "Why"],
    );
    for l in &all {
        let strength = match l.was {
            Some(was) => format!(
                "{} (changed by you from {})",
                l.strength.label(),
                was.label().to_lowercase()
            ),
            None => l.strength.label().to_string(),
        };
        table.rows.push(vec![
            name(l.from),
            name(l.to),
            strength,
            multiplier(interactions.strengths.multiplier(l.strength)),
            l.basis.words().to_string(),
            l.why.clone(),
        ]);
    }
    let stated = all.iter().filter(|l| l.basis == Basis::Stated).count();
    let reading = all.iter().filter(|l| l.basis == Basis::Reading).count();
    let added = all.iter().filter(|l| l.basis == Basis::Added).count();
    let n = ids.len();
    let title = if all.is_empty() {
        "No links are in force: the risks happen independently of each other".to_string()
    } else {
        format!(
            "{} link{} between the {} risks: {stated} stated in the sources, {reading} our \
             reading{}",
            all.len(),
            if all.len() == 1 { "" } else { "s" },
            number_word(n),
            if added > 0 {
                format!(", {added} added by you")
            } else {
                String::new()
            }
        )
    };
    let m = |s| multiplier(interactions.strengths.multiplier(s));
    let caption = format!(
        "Each arrow is a link in force: when the risk at its tail happens, the odds of the risk \
         at its head are multiplied that year and the next (weak {}, dotted; moderate {}, \
         dashed; strong {}, solid). Of the {} links, {stated} are stated in the sources (dark \
         blue) and {reading} are our reading of them (orange){}; links both ways are drawn as \
         two arrows side by side.",
        m(Strength::Weak),
        m(Strength::Moderate),
        m(Strength::Strong),
        all.len(),
        if added > 0 {
            format!(", and {added} were added by you (dark pink)")
        } else {
            String::new()
        }
    );
    let mut bases = vec![Basis::Stated, Basis::Reading];
    if added > 0 {
        bases.push(Basis::Added);
    }

    let layout = NetLayout::default();
    let nodes = node_positions(n, &layout);
    let svg = render((WIDTH, NET_HEIGHT), |root| {
        key(root, interactions, &bases)?;
        // Weak links first, so stronger ones are drawn over them.
        let mut order: Vec<&Link> = all.iter().collect();
        order.sort_by_key(|l| l.strength);
        for l in order {
            let mutual = all.iter().any(|k| k.from == l.to && k.to == l.from);
            let (_, _, (head_len, head_w)) = strength_style(l.strength);
            let offset = if mutual { MUTUAL_OFFSET } else { 0.0 };
            let Some(g) = edge_geometry(
                nodes[l.from],
                nodes[l.to],
                layout.node_r,
                offset,
                head_len,
                head_w,
            ) else {
                continue;
            };
            let colour = l.basis.colour();
            stroke(root, vec![px(g.start), px(g.shaft_end)], l.strength, colour)?;
            root.draw(&Polygon::new(
                g.head.iter().map(|p| px(*p)).collect::<Vec<_>>(),
                colour.filled(),
            ))?;
        }
        let r = layout.node_r.round() as i32;
        for (i, node) in nodes.iter().enumerate() {
            let c = px(*node);
            root.draw(&Circle::new(c, r, WHITE.filled()))?;
            root.draw(&Circle::new(c, r, DARK_GREY.stroke_width(2)))?;
            label(
                root,
                &ids[i].to_string(),
                c,
                &text_style(13.0, TEXT, (HPos::Center, VPos::Center)),
            )?;
            let short = ds.risks[i].short_title.as_str();
            let nl = node_label(*node, short, &layout);
            let (x, h) = match nl.align {
                Align::Left => (nl.bounds.0, HPos::Left),
                Align::Centre => ((nl.bounds.0 + nl.bounds.2) / 2.0, HPos::Center),
                Align::Right => (nl.bounds.2, HPos::Right),
            };
            for (li, line) in nl.lines.iter().enumerate() {
                let y = nl.bounds.1 + LINE_PX * (li as f64 + 0.5);
                label(
                    root,
                    line,
                    px((x, y)),
                    &text_style(TEXT_PX, TEXT, (h, VPos::Center)),
                )?;
            }
        }
        Ok(())
    });
    Chart {
        id: "sim-network",
        title,
        caption,
        svg,
        table,
        source: "Source: the links between the risks in the Risk Explorer dataset, each either \
                 quoted from the Trust's documents or our reading of them with its rationale, \
                 with any changes you made; multipliers are our assumption."
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::kit::hex;

    fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
        (a.0 - b.0).hypot(a.1 - b.1)
    }

    /// Which side of the line a → b the point p is (sign of the cross product).
    fn side(a: (f64, f64), b: (f64, f64), p: (f64, f64)) -> f64 {
        (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0)
    }

    #[test]
    fn nodes_sit_evenly_on_the_circle_from_the_top_clockwise() {
        let l = NetLayout::default();
        let p = node_positions(9, &l);
        assert_eq!(p.len(), 9);
        for q in &p {
            assert!((dist(*q, (l.cx, l.cy)) - l.radius).abs() < 1e-9);
        }
        assert!(
            (p[0].0 - l.cx).abs() < 1e-9 && p[0].1 < l.cy,
            "first at the top"
        );
        assert!(p[1].0 > l.cx, "clockwise");
        let step = dist(p[0], p[1]);
        for i in 0..9 {
            assert!((dist(p[i], p[(i + 1) % 9]) - step).abs() < 1e-9);
        }
        assert!(node_positions(0, &l).is_empty());
        assert_eq!(node_positions(1, &l).len(), 1);
    }

    #[test]
    fn edges_start_and_stop_on_the_node_circles() {
        let (a, b) = ((100.0, 100.0), (300.0, 180.0));
        for offset in [0.0, MUTUAL_OFFSET, -MUTUAL_OFFSET] {
            let g = edge_geometry(a, b, 21.0, offset, 12.0, 10.0).unwrap();
            assert!((dist(g.start, a) - 21.0).abs() < 1e-9, "{offset}");
            assert!((dist(g.tip, b) - 21.0).abs() < 1e-9, "{offset}");
            assert_eq!(g.head[0], g.tip);
            // The head's base is 12 back from the tip and 10 wide, square to the line.
            let base = (
                (g.head[1].0 + g.head[2].0) / 2.0,
                (g.head[1].1 + g.head[2].1) / 2.0,
            );
            assert!((dist(base, g.tip) - 12.0).abs() < 1e-9);
            assert!((dist(g.head[1], g.head[2]) - 10.0).abs() < 1e-9);
            // The line stops inside the head, between its base and its tip.
            assert!(dist(g.shaft_end, g.tip) < 12.0 && dist(g.shaft_end, g.tip) > 0.0);
            assert!(dist(g.start, g.shaft_end) < dist(g.start, g.tip));
        }
        assert!(edge_geometry(a, a, 21.0, 0.0, 12.0, 10.0).is_none());
        assert!(edge_geometry(a, (130.0, 100.0), 21.0, 0.0, 12.0, 10.0).is_none());
        assert!(edge_geometry(a, (f64::NAN, 0.0), 21.0, 0.0, 12.0, 10.0).is_none());
    }

    #[test]
    fn the_two_arrows_of_a_mutual_link_lie_on_opposite_sides() {
        let (a, b) = ((100.0, 100.0), (300.0, 180.0));
        let ab = edge_geometry(a, b, 21.0, MUTUAL_OFFSET, 12.0, 10.0).unwrap();
        let ba = edge_geometry(b, a, 21.0, MUTUAL_OFFSET, 12.0, 10.0).unwrap();
        let mid = |g: &EdgeGeometry| ((g.start.0 + g.tip.0) / 2.0, (g.start.1 + g.tip.1) / 2.0);
        let (s1, s2) = (side(a, b, mid(&ab)), side(a, b, mid(&ba)));
        assert!(s1 * s2 < 0.0, "{s1} {s2}");
        // Parallel, 2 × offset apart.
        let len = dist(a, b);
        let d = |p| side(a, b, p) / len;
        assert!((d(mid(&ab)) - d(mid(&ba))).abs() - 2.0 * MUTUAL_OFFSET < 1e-9);
        assert!((d(ab.start) - d(ab.tip)).abs() < 1e-9);
        // Without an offset, the arrow runs along the line between the centres.
        let straight = edge_geometry(a, b, 21.0, 0.0, 12.0, 10.0).unwrap();
        assert!(side(a, b, straight.start).abs() < 1e-6);
        assert!(side(a, b, straight.tip).abs() < 1e-6);
    }

    #[test]
    fn names_sit_outside_the_nodes_without_overlapping() {
        let ds = Dataset::builtin().unwrap();
        let l = NetLayout::default();
        let nodes = node_positions(ds.risks.len(), &l);
        let labels: Vec<NodeLabel> = nodes
            .iter()
            .zip(&ds.risks)
            .map(|(p, r)| node_label(*p, &r.short_title, &l))
            .collect();
        let overlap = |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| {
            a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
        };
        for (i, a) in labels.iter().enumerate() {
            let bx = a.bounds;
            assert!(bx.0 >= 4.0 && bx.2 <= f64::from(WIDTH) - 4.0, "{i}: {bx:?}");
            assert!(
                bx.1 >= 60.0 && bx.3 <= f64::from(NET_HEIGHT) - 4.0,
                "{i}: {bx:?}"
            );
            for (j, b) in labels.iter().enumerate().skip(i + 1) {
                assert!(!overlap(bx, b.bounds), "{i} and {j}");
            }
            // Clear of every node: the nearest point of the box is outside the circle.
            for (j, n) in nodes.iter().enumerate() {
                let near = (n.0.clamp(bx.0, bx.2), n.1.clamp(bx.1, bx.3));
                assert!(dist(near, *n) > l.node_r, "label {i} over node {j}");
            }
        }
        assert_eq!(labels[0].align, Align::Centre);
        assert_eq!(labels[2].align, Align::Left);
        assert_eq!(labels[7].align, Align::Right);
    }

    #[test]
    fn the_network_draws_every_link_with_its_basis() {
        let ds = Dataset::builtin().unwrap();
        let x = &ds.interactions;
        let c = network(&ds, x, &InteractionEdits::new());
        assert_eq!(c.id, "sim-network");
        assert_eq!(c.table.rows.len(), x.edges.len());
        let stated = x
            .edges
            .iter()
            .filter(|e| e.provenance.cite.is_some())
            .count();
        let reading = x.edges.len() - stated;
        assert_eq!(
            c.title,
            format!(
                "{} links between the nine risks: {stated} stated in the sources, {reading} our \
                 reading",
                x.edges.len()
            )
        );
        assert!(c.caption.contains(&format!(
            "Of the {} links, {stated} are stated in the sources (dark blue) and {reading} are \
             our reading of them (orange)",
            x.edges.len()
        )));
        assert!(c
            .caption
            .contains("weak ×1.5, dotted; moderate ×2, dashed; strong ×3, solid"));
        let row = c
            .table
            .rows
            .iter()
            .find(|r| r[0] == "R3 Demand pressure" && r[1] == "R4 Safeguarding incident")
            .unwrap();
        assert_eq!(row[2..5], ["Strong", "×3", "Stated in the sources"]);
        assert_eq!(
            c.table
                .rows
                .iter()
                .filter(|r| r[4] == "Our reading")
                .count(),
            reading
        );
        // One arrowhead per link, in its basis' colour; nine nodes with ids and names.
        let heads = |col: RGBColor| {
            c.svg
                .lines()
                .filter(|l| {
                    l.starts_with("<polygon") && l.contains(&format!("fill=\"{}\"", hex(col)))
                })
                .count()
        };
        assert_eq!(heads(DARK_BLUE), stated);
        assert_eq!(heads(ORANGE), reading);
        assert_eq!(c.svg.matches("<circle").count(), 2 * 9);
        for r in &ds.risks {
            assert!(c.svg.lines().any(|l| l.trim() == r.id.0), "{}", r.id);
        }
        for words in [
            "Weak: odds ×1.5",
            "Strong: odds ×3",
            "Stated in the sources",
        ] {
            assert!(c.svg.contains(words), "{words}");
        }
        assert!(c.svg.contains("viewBox=\"0 0 640 560\""));
    }

    #[test]
    fn edits_add_change_and_remove_links() {
        let ds = Dataset::builtin().unwrap();
        let x = &ds.interactions;
        let id = |s: &str| RiskId::new(s);
        let absent = ds
            .risks
            .iter()
            .flat_map(|a| ds.risks.iter().map(move |b| (a.id.clone(), b.id.clone())))
            .find(|(a, b)| a != b && x.edge(a, b).is_none())
            .unwrap();
        let mut edits = InteractionEdits::new();
        edits.insert(edge_key(&absent.0, &absent.1), Strength::Weak);
        edits.insert(edge_key(&id("R3"), &id("R4")), Strength::None);
        let moderate = x
            .edges
            .iter()
            .find(|e| e.strength == Strength::Moderate)
            .unwrap();
        edits.insert(edge_key(&moderate.from, &moderate.to), Strength::Strong);
        let c = network(&ds, x, &edits);
        assert_eq!(c.table.rows.len(), x.edges.len());
        assert!(c.title.ends_with(", 1 added by you"), "{}", c.title);
        assert!(c.caption.contains("1 were added by you (dark pink)"));
        assert!(!c
            .table
            .rows
            .iter()
            .any(|r| r[0] == "R3 Demand pressure" && r[1] == "R4 Safeguarding incident"));
        let added = c
            .table
            .rows
            .iter()
            .find(|r| r[4] == "Added by you")
            .unwrap();
        assert_eq!(added[2..4], ["Weak", "×1.5"]);
        assert!(c
            .table
            .rows
            .iter()
            .any(|r| r[2] == "Strong (changed by you from moderate)" && r[3] == "×3"));
        // A self-link edit draws nothing.
        let mut edits = InteractionEdits::new();
        edits.insert(edge_key(&id("R1"), &id("R1")), Strength::Strong);
        assert_eq!(network(&ds, x, &edits).table.rows.len(), x.edges.len());
        // Every link off.
        let mut none = InteractionEdits::new();
        for e in &x.edges {
            none.insert(edge_key(&e.from, &e.to), Strength::None);
        }
        let c = network(&ds, x, &none);
        assert!(c.table.rows.is_empty());
        assert!(c.title.starts_with("No links are in force"));
        assert_eq!(multiplier(2.25), "×2.25");
        assert_eq!(multiplier(f64::NAN), "×1");
    }

    #[test]
    #[ignore]
    fn write_svg() {
        let ds = Dataset::builtin().unwrap();
        std::fs::create_dir_all("/tmp/simcharts").unwrap();
        let c = network(&ds, &ds.interactions, &InteractionEdits::new());
        std::fs::write("/tmp/simcharts/sim-network.svg", &c.svg).unwrap();
    }
}
