//! The network's geometry, pure and tested: where the risks sit on the circle, where each
//! link's arrow starts and stops, how its strength is drawn and where the names go.

use super::*;

/// The drawing's height in user units (it is [`WIDTH`] wide).
pub const NET_HEIGHT: u32 = 560;

/// How far apart the two arrows of a mutual link are, either side of the line between
/// the nodes, in user units.
pub const MUTUAL_OFFSET: f64 = 7.0;

/// Names wrap at about this many characters.
const NAME_CHARS: usize = 14;

pub(super) const LINE_PX: f64 = 15.0;

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

impl NetLayout {
    /// The layout for `n` risks: nodes smaller as there are more, so neighbours on the
    /// circle never touch (21 units across for nine; 14 for thirty).
    pub fn for_count(n: usize) -> NetLayout {
        let base = NetLayout::default();
        let room = std::f64::consts::PI * base.radius / n.max(1) as f64 - 4.0;
        NetLayout {
            node_r: room.clamp(9.0, base.node_r),
            ..base
        }
    }

    /// Whether the names go beside the nodes (up to [`NAMED_NODES`] risks); with more,
    /// the names would run into each other and are in the table instead.
    pub fn names_beside(n: usize) -> bool {
        n <= NAMED_NODES
    }
}

/// The most risks whose names are written beside their nodes.
pub const NAMED_NODES: usize = 12;

/// The text inside a node: the risk's id where it fits at 13 px, else its number in the
/// register (1-based).
pub fn node_text(id: &str, number: usize, node_r: f64) -> String {
    if f64::from(approx_width(id, 13.0)) <= 2.0 * node_r - 4.0 {
        id.to_string()
    } else {
        number.to_string()
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
            Basis::Reading => MID_GREY,
            Basis::Added => ACCENT,
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
