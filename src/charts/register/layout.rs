//! Geometry of the heat map (5×5 or 4×4): cells, where each risk's marker sits (many in
//! one cell stay inside it, numbered when their ids do not fit, with a count), the
//! appetite boundary, and which cell a pointer is over.
//! Pure numbers in SVG user units; the UI turns them into elements.

use crate::charts::kit::approx_width;
use crate::model::{Impact, Likelihood, Rating, RiskId, Score};

/// The drawing area: a grid of `levels` × `levels` cells with room on the left and below
/// for axis labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    pub left: f64,
    pub top: f64,
    pub cell: f64,
    pub bottom: f64,
    pub right: f64,
    /// Levels on each axis: 5 or 4.
    pub levels: u8,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            left: 112.0,
            top: 12.0,
            cell: 104.0,
            bottom: 84.0,
            right: 12.0,
            levels: 5,
        }
    }
}

/// The grid's side in user units, whatever the number of levels (a 4×4 map has larger
/// cells, so it is the same size on the page).
pub const GRID: f64 = 520.0;

/// From this many risks in one cell, the cell's label strip says how many it holds
/// ("16 · 12 risks") where it otherwise names the band (the score and the legend's ranges
/// still give the band), and its markers pack closer.
pub const COUNT_FROM: usize = 10;
/// The gap kept between neighbouring markers and a cell's edge, in a crowded cell.
pub const MARKER_GAP: f64 = 1.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x < self.x + self.w && y >= self.y && y < self.y + self.h
    }
}

/// A risk's marker: centre and radius.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub risk: RiskId,
    pub rating: Rating,
    pub cx: f64,
    pub cy: f64,
    pub r: f64,
}

impl Marker {
    /// The text on the marker at font size `px`: the risk's id when it fits inside the
    /// circle, else its number in the register (1-based; the table beside the map gives
    /// both), so a crowded cell or long ids never spill text over a neighbour.
    pub fn label(&self, number: usize, px: f64) -> String {
        let id = self.risk.to_string();
        if f64::from(approx_width(&id, px)) <= 2.0 * self.r - 3.0 {
            id
        } else {
            number.to_string()
        }
    }

    /// Whether the id fits (else the marker shows its number).
    pub fn shows_id(&self, px: f64) -> bool {
        f64::from(approx_width(&self.risk.to_string(), px)) <= 2.0 * self.r - 3.0
    }

    /// The font size for the marker's text: 13 on a large marker, 12 on a small one.
    pub fn font(&self) -> f64 {
        if self.r < 15.0 {
            12.0
        } else {
            13.0
        }
    }
}

/// A cell holding [`COUNT_FROM`] or more risks: where its count is written.
#[derive(Debug, Clone, PartialEq)]
pub struct CellCount {
    pub rating: Rating,
    pub count: usize,
    /// Where the text starts (x, left-aligned) and its baseline (y): in the label strip,
    /// after the score.
    pub x: f64,
    pub y: f64,
}

impl CellCount {
    pub fn text(&self) -> String {
        format!("{} risks", self.count)
    }
}

/// A straight line in user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

/// One risk's path across the map (the path view shows one risk at a time): where its
/// inherent, current and target ratings sit, and the links inherent → current →
/// target, each a quadratic curve that leaves and reaches a stop at its edge and bends
/// round the third stop rather than crossing it.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskPath {
    /// Inherent, current and target, in that order.
    pub stops: [Marker; 3],
    /// Inherent → current and current → target; None where two stops touch.
    pub links: [Option<Curve>; 2],
}

/// A quadratic Bézier curve: start, control point, end (SVG `M x0 y0 Q cx cy x1 y1`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Curve {
    pub from: (f64, f64),
    pub control: (f64, f64),
    pub to: (f64, f64),
}

impl Curve {
    pub fn at(&self, t: f64) -> (f64, f64) {
        let u = 1.0 - t;
        (
            u * u * self.from.0 + 2.0 * u * t * self.control.0 + t * t * self.to.0,
            u * u * self.from.1 + 2.0 * u * t * self.control.1 + t * t * self.to.1,
        )
    }

    /// The part of the curve between `t0` and `t1`, as a curve of its own.
    fn part(&self, t0: f64, t1: f64) -> Curve {
        let blend = |a: f64, b: f64, c: f64| {
            a * (1.0 - t0) * (1.0 - t1) + b * ((1.0 - t0) * t1 + t0 * (1.0 - t1)) + c * t0 * t1
        };
        Curve {
            from: self.at(t0),
            control: (
                blend(self.from.0, self.control.0, self.to.0),
                blend(self.from.1, self.control.1, self.to.1),
            ),
            to: self.at(t1),
        }
    }

    /// The SVG path data.
    pub fn d(&self) -> String {
        format!(
            "M {:.1} {:.1} Q {:.1} {:.1} {:.1} {:.1}",
            self.from.0, self.from.1, self.control.0, self.control.1, self.to.0, self.to.1
        )
    }

    /// The nearest the curve comes to a point (sampled finely).
    pub fn distance_to(&self, p: (f64, f64)) -> f64 {
        (0..=200)
            .map(|k| {
                let q = self.at(f64::from(k) / 200.0);
                ((q.0 - p.0).powi(2) + (q.1 - p.1).powi(2)).sqrt()
            })
            .fold(f64::INFINITY, f64::min)
    }
}

/// The gap between a path's line and a stop it leaves, and the one it reaches (room for
/// the arrowhead, whose tip is the line's end).
pub const PATH_GAP_FROM: f64 = 3.0;
pub const PATH_GAP_TO: f64 = 3.0;
/// How far a link keeps from the stop it passes by, beyond that stop's edge.
pub const PATH_CLEARANCE: f64 = 6.0;

/// Height of the strip at the top of each cell that holds its score and band name.
pub const LABEL_STRIP: f64 = 24.0;

impl Layout {
    /// The page's map for a scale of `levels` levels: the same size whatever the levels.
    pub fn for_levels(levels: u8) -> Layout {
        let levels = levels.clamp(Likelihood::MIN, Likelihood::MAX);
        Layout {
            cell: GRID / f64::from(levels),
            levels,
            ..Layout::default()
        }
    }

    fn n(&self) -> f64 {
        f64::from(self.levels)
    }

    /// The grid's side (cells × levels).
    pub fn grid(&self) -> f64 {
        self.n() * self.cell
    }

    pub fn width(&self) -> f64 {
        self.left + self.grid() + self.right
    }

    pub fn height(&self) -> f64 {
        self.top + self.grid() + self.bottom
    }

    /// Every cell's rating, likelihood by likelihood, impact upwards.
    pub fn ratings(&self) -> impl Iterator<Item = Rating> {
        let levels = self.levels;
        Likelihood::up_to(levels).flat_map(move |l| {
            Impact::up_to(levels).map(move |i| Rating {
                likelihood: l,
                impact: i,
            })
        })
    }

    /// Likelihood runs left to right, impact bottom to top. A level above the map's top
    /// (which the level types can hold) is drawn in the top cell.
    pub fn cell_rect(&self, l: Likelihood, i: Impact) -> Rect {
        let top = usize::from(self.levels.max(1)) - 1;
        Rect {
            x: self.left + l.index().min(top) as f64 * self.cell,
            y: self.top + (top - i.index().min(top)) as f64 * self.cell,
            w: self.cell,
            h: self.cell,
        }
    }

    /// The cell under a point, if any (for dragging a marker).
    pub fn cell_at(&self, x: f64, y: f64) -> Option<Rating> {
        let col = ((x - self.left) / self.cell).floor();
        let row = ((y - self.top) / self.cell).floor();
        if !(0.0..self.n()).contains(&col) || !(0.0..self.n()).contains(&row) {
            return None;
        }
        Some(self.nearest_cell(x, y))
    }

    /// The nearest cell to a point, clamped onto the grid (a drag that leaves the map
    /// keeps the marker on its edge).
    pub fn nearest_cell(&self, x: f64, y: f64) -> Rating {
        let col = ((x - self.left) / self.cell).floor() as i32;
        let row = ((y - self.top) / self.cell).floor() as i32;
        let n = i32::from(self.levels);
        Rating {
            likelihood: Likelihood::saturating((col + 1).min(n)),
            impact: Impact::saturating((n - row).min(n)),
        }
    }

    /// A pointer position (CSS pixels) in user units, given where the drawing sits on
    /// screen; the drawing keeps its aspect ratio, so one scale serves both axes.
    pub fn to_user(
        &self,
        client: (f64, f64),
        box_origin: (f64, f64),
        box_width: f64,
    ) -> (f64, f64) {
        let scale = if box_width > 0.0 {
            self.width() / box_width
        } else {
            1.0
        };
        (
            (client.0 - box_origin.0) * scale,
            (client.1 - box_origin.1) * scale,
        )
    }

    /// Centre of a cell's marker area (below the label strip).
    pub fn cell_centre(&self, r: Rating) -> (f64, f64) {
        let rect = self.cell_rect(r.likelihood, r.impact);
        (
            rect.x + rect.w / 2.0,
            rect.y + LABEL_STRIP + (rect.h - LABEL_STRIP) / 2.0,
        )
    }

    /// Places every risk's marker. Risks sharing a cell are laid out in a grid of slots
    /// that shrinks as more share it, in the order given (register order), so every
    /// marker stays inside its cell, apart from the others, visible and clickable. From
    /// [`COUNT_FROM`] risks, the cell's bottom line is kept for its count.
    pub fn markers(&self, points: &[(RiskId, Rating)]) -> Vec<Marker> {
        let mut out = Vec::with_capacity(points.len());
        for (id, rating) in points {
            let sharing: Vec<&RiskId> = points
                .iter()
                .filter(|(_, r)| r == rating)
                .map(|(i, _)| i)
                .collect();
            let n = sharing.len();
            let slot = sharing.iter().position(|i| *i == id).unwrap_or(0);
            let rect = self.cell_rect(rating.likelihood, rating.impact);
            let area_y = rect.y + LABEL_STRIP;
            let area_h = rect.h - LABEL_STRIP;
            let (cols, rows, r) = self.slots(n, rect.w, area_h);
            let col = slot % cols;
            let row = slot / cols;
            // The last row, when not full, is centred.
            let in_row = if row + 1 == rows {
                n - row * cols
            } else {
                cols
            };
            let offset = (cols - in_row) as f64 / 2.0;
            let cx = rect.x + rect.w * (col as f64 + offset + 0.5) / cols as f64;
            let cy = area_y + area_h * (row as f64 + 0.5) / rows as f64;
            out.push(Marker {
                risk: id.clone(),
                rating: *rating,
                cx,
                cy,
                r,
            });
        }
        out
    }

    /// How `n` markers share a cell's marker area: columns, rows and radius. Up to 9 as
    /// the map has always drawn them; more in whichever grid gives the largest circles.
    fn slots(&self, n: usize, w: f64, h: f64) -> (usize, usize, f64) {
        let fits = |cols: usize, rows: usize| {
            ((w / cols as f64).min(h / rows as f64) / 2.0 - MARKER_GAP).max(1.0)
        };
        let (cols, rows, r) = match n {
            0 | 1 => (1, 1, 22.0),
            2 => (2, 1, 20.0),
            3 | 4 => (2, 2, 17.0),
            5 | 6 => (3, 2, 14.5),
            7..=9 => (3, 3, 13.0),
            _ => {
                // The largest circles; of equals, the fewest columns (wider apart).
                let (cols, rows) =
                    (1..=n)
                        .map(|cols| (cols, n.div_ceil(cols)))
                        .fold((n, 1), |best, c| {
                            if fits(c.0, c.1) > fits(best.0, best.1) + 1e-9 {
                                c
                            } else {
                                best
                            }
                        });
                (cols, rows, fits(cols, rows).min(13.0))
            }
        };
        // Never larger than the slot allows (a 4×4 map's cells are larger, the page's
        // and the chart's the same).
        (cols, rows, r.min(fits(cols, rows)))
    }

    /// The count written in each cell holding [`COUNT_FROM`] or more risks.
    pub fn counts(&self, points: &[(RiskId, Rating)]) -> Vec<CellCount> {
        self.ratings()
            .filter_map(|rating| {
                let count = points.iter().filter(|(_, r)| *r == rating).count();
                (count >= COUNT_FROM).then(|| {
                    let rect = self.cell_rect(rating.likelihood, rating.impact);
                    let score = rating.score().0.to_string();
                    CellCount {
                        rating,
                        count,
                        x: rect.x + 6.0 + f64::from(approx_width(&score, 13.0)) + 5.0,
                        y: rect.y + 17.0,
                    }
                })
            })
            .collect()
    }

    /// One risk's path: its three stops laid out side by side where they share a cell
    /// (inherent, current, target from the left), and the links between them.
    pub fn path(&self, risk: &RiskId, ratings: [Rating; 3]) -> RiskPath {
        let stops: [Marker; 3] = std::array::from_fn(|k| {
            let sharing: Vec<usize> = (0..3).filter(|j| ratings[*j] == ratings[k]).collect();
            let n = sharing.len();
            let slot = sharing.iter().position(|j| *j == k).unwrap_or(0);
            let r = match n {
                1 => 22.0,
                2 => 20.0,
                _ => 14.0,
            };
            let rect = self.cell_rect(ratings[k].likelihood, ratings[k].impact);
            Marker {
                risk: risk.clone(),
                rating: ratings[k],
                cx: rect.x + rect.w * (slot as f64 + 0.5) / n as f64,
                cy: rect.y + LABEL_STRIP + (rect.h - LABEL_STRIP) / 2.0,
                r,
            }
        });
        let link =
            |a: usize, b: usize, other: usize| Self::link(&stops[a], &stops[b], &stops[other]);
        let links = [link(0, 1, 2), link(1, 2, 0)];
        RiskPath { stops, links }
    }

    /// The link from stop `a` to stop `b`, bent round `other` when the straight line
    /// would cross it.
    fn link(a: &Marker, b: &Marker, other: &Marker) -> Option<Curve> {
        let (pa, pb, po) = ((a.cx, a.cy), (b.cx, b.cy), (other.cx, other.cy));
        let (dx, dy) = (pb.0 - pa.0, pb.1 - pa.1);
        let len = (dx * dx + dy * dy).sqrt();
        if len <= a.r + b.r + PATH_GAP_FROM + PATH_GAP_TO + 4.0 {
            return None;
        }
        let mid = ((pa.0 + pb.0) / 2.0, (pa.1 + pb.1) / 2.0);
        // The side of the line the other stop is on; bend away from it.
        let (nx, ny) = (-dy / len, dx / len);
        let side = (po.0 - mid.0) * nx + (po.1 - mid.1) * ny;
        let away = if side > 0.0 { -1.0 } else { 1.0 };
        let clear = other.r + PATH_CLEARANCE;
        let whole = [0.0, 0.3, 0.5, 0.75, 1.0, 1.4]
            .iter()
            .map(|k| Curve {
                from: pa,
                control: (mid.0 + away * nx * k * len, mid.1 + away * ny * k * len),
                to: pb,
            })
            .find(|c| c.distance_to(po) >= clear)?;
        // Where the curve leaves a's edge and reaches b's (first and last samples outside).
        let outside = |t: f64, m: &Marker, gap: f64| {
            let q = whole.at(t);
            ((q.0 - m.cx).powi(2) + (q.1 - m.cy).powi(2)).sqrt() >= m.r + gap
        };
        let steps = 400;
        let t0 = (0..=steps)
            .map(|k| f64::from(k) / f64::from(steps))
            .find(|t| outside(*t, a, PATH_GAP_FROM))?;
        let t1 = (0..=steps)
            .rev()
            .map(|k| f64::from(k) / f64::from(steps))
            .find(|t| outside(*t, b, PATH_GAP_TO))?;
        (t1 > t0 + 0.02).then(|| whole.part(t0, t1))
    }

    /// The line from `a` to `b` shortened by `trim_a` and `trim_b` at its ends, so an
    /// arrowhead stops at a marker's edge instead of hiding under it. None when the
    /// points are too close for anything to show.
    pub fn trimmed(a: (f64, f64), b: (f64, f64), trim_a: f64, trim_b: f64) -> Option<Segment> {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        if len <= trim_a + trim_b + 1.0 {
            return None;
        }
        let (ux, uy) = (dx / len, dy / len);
        Some(Segment {
            x1: a.0 + ux * trim_a,
            y1: a.1 + uy * trim_a,
            x2: b.0 - ux * trim_b,
            y2: b.1 - uy * trim_b,
        })
    }

    /// The edges between cells inside and outside appetite (score > threshold), so the
    /// appetite line follows the staircase of the grid.
    pub fn appetite_boundary(&self, threshold: u8) -> Vec<Segment> {
        let n = i32::from(self.levels);
        let above = |l: i32, i: i32| -> bool {
            (1..=n).contains(&l) && (1..=n).contains(&i) && Score((l * i) as u8).above(threshold)
        };
        let mut segs = Vec::new();
        for l in 1..=n {
            for i in 1..=n {
                if !above(l, i) {
                    continue;
                }
                let rect = self.cell_rect(Likelihood::saturating(l), Impact::saturating(i));
                // Left neighbour inside appetite (and on the map): vertical edge.
                if (2..=n).contains(&l) && !above(l - 1, i) {
                    segs.push(Segment {
                        x1: rect.x,
                        y1: rect.y,
                        x2: rect.x,
                        y2: rect.y + rect.h,
                    });
                }
                // Neighbour below inside appetite: horizontal edge at the cell's bottom.
                if (2..=n).contains(&i) && !above(l, i - 1) {
                    segs.push(Segment {
                        x1: rect.x,
                        y1: rect.y + rect.h,
                        x2: rect.x + rect.w,
                        y2: rect.y + rect.h,
                    });
                }
            }
        }
        segs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(l: u8, i: u8) -> Rating {
        Rating::new(l, i).unwrap()
    }

    #[test]
    fn cells_tile_the_grid_with_impact_upwards() {
        let g = Layout::default();
        let bottom_left = g.cell_rect(Likelihood::new(1).unwrap(), Impact::new(1).unwrap());
        let top_right = g.cell_rect(Likelihood::new(5).unwrap(), Impact::new(5).unwrap());
        assert_eq!(
            (bottom_left.x, bottom_left.y),
            (g.left, g.top + 4.0 * g.cell)
        );
        assert_eq!((top_right.x, top_right.y), (g.left + 4.0 * g.cell, g.top));
        assert_eq!(g.width(), g.left + 5.0 * g.cell + g.right);
    }

    #[test]
    fn pointer_maps_back_to_the_cell_it_is_over() {
        let g = Layout::default();
        for l in 1..=5 {
            for i in 1..=5 {
                let r = rating(l, i);
                let rect = g.cell_rect(r.likelihood, r.impact);
                assert_eq!(g.cell_at(rect.x + 1.0, rect.y + 1.0), Some(r));
                assert_eq!(
                    g.cell_at(rect.x + rect.w - 0.5, rect.y + rect.h - 0.5),
                    Some(r)
                );
                let (cx, cy) = g.cell_centre(r);
                assert!(rect.contains(cx, cy));
            }
        }
        assert_eq!(g.cell_at(0.0, 0.0), None);
        assert_eq!(g.cell_at(g.width(), g.height()), None);
        assert_eq!(g.nearest_cell(-50.0, -50.0), rating(1, 5));
        assert_eq!(g.nearest_cell(1e4, 1e4), rating(5, 1));
    }

    #[test]
    fn nine_risks_in_one_cell_stay_inside_it_without_overlapping() {
        let g = Layout::default();
        let r = rating(4, 4);
        let points: Vec<_> = (1..=9).map(|k| (RiskId(format!("R{k}")), r)).collect();
        let ms = g.markers(&points);
        let rect = g.cell_rect(r.likelihood, r.impact);
        for m in &ms {
            assert!(
                m.cx - m.r >= rect.x && m.cx + m.r <= rect.x + rect.w,
                "{m:?}"
            );
            assert!(
                m.cy - m.r >= rect.y + LABEL_STRIP && m.cy + m.r <= rect.y + rect.h,
                "{m:?}"
            );
        }
        for (a, m) in ms.iter().enumerate() {
            for n in &ms[a + 1..] {
                let d = ((m.cx - n.cx).powi(2) + (m.cy - n.cy).powi(2)).sqrt();
                assert!(d >= m.r + n.r, "{} and {} overlap", m.risk, n.risk);
            }
        }
    }

    #[test]
    fn path_lines_stop_at_marker_edges() {
        let s = Layout::trimmed((0.0, 0.0), (100.0, 0.0), 10.0, 22.0).unwrap();
        assert_eq!((s.x1, s.y1, s.x2, s.y2), (10.0, 0.0, 78.0, 0.0));
        let d = Layout::trimmed((0.0, 0.0), (30.0, 40.0), 5.0, 5.0).unwrap();
        assert!((d.x1 - 3.0).abs() < 1e-9 && (d.y1 - 4.0).abs() < 1e-9);
        assert!((d.x2 - 27.0).abs() < 1e-9 && (d.y2 - 36.0).abs() < 1e-9);
        assert_eq!(Layout::trimmed((0.0, 0.0), (20.0, 0.0), 10.0, 10.0), None);
    }

    /// Every combination of a risk's three ratings (25³): the stops stay in their cells
    /// without overlapping, and every link runs outside all three stops, from one edge
    /// to the other, and never through the stop it passes by.
    #[test]
    fn a_risks_path_never_runs_through_a_marker() {
        let g = Layout::default();
        let all: Vec<Rating> = (1..=5)
            .flat_map(|l| (1..=5).map(move |i| rating(l, i)))
            .collect();
        let id = RiskId::new("R6");
        let mut bent = 0;
        for a in &all {
            for b in &all {
                for c in &all {
                    let p = g.path(&id, [*a, *b, *c]);
                    for m in &p.stops {
                        let rect = g.cell_rect(m.rating.likelihood, m.rating.impact);
                        assert!(
                            m.cx - m.r >= rect.x && m.cx + m.r <= rect.x + rect.w,
                            "{m:?}"
                        );
                        assert!(
                            m.cy - m.r >= rect.y + LABEL_STRIP && m.cy + m.r <= rect.y + rect.h
                        );
                    }
                    for (x, m) in p.stops.iter().enumerate() {
                        for n in &p.stops[x + 1..] {
                            let d = ((m.cx - n.cx).powi(2) + (m.cy - n.cy).powi(2)).sqrt();
                            assert!(d >= m.r + n.r, "stops overlap for {a:?} {b:?} {c:?}");
                        }
                    }
                    for (k, link) in p.links.iter().enumerate() {
                        let Some(curve) = link else {
                            // Only stops side by side in one cell go unlinked.
                            assert_eq!(
                                p.stops[k].rating,
                                p.stops[k + 1].rating,
                                "{a:?} {b:?} {c:?}"
                            );
                            continue;
                        };
                        if curve.control
                            != (
                                (curve.from.0 + curve.to.0) / 2.0,
                                (curve.from.1 + curve.to.1) / 2.0,
                            )
                        {
                            bent += 1;
                        }
                        for m in &p.stops {
                            let d = curve.distance_to((m.cx, m.cy));
                            assert!(
                                d >= m.r + 2.9,
                                "link {k} of {a:?} {b:?} {c:?} crosses a stop ({d} < {})",
                                m.r
                            );
                        }
                        // It starts at the edge of its own stop and ends at the next one's.
                        let (from, to) = (&p.stops[k], &p.stops[k + 1]);
                        let gap = |q: (f64, f64), m: &Marker| {
                            ((q.0 - m.cx).powi(2) + (q.1 - m.cy).powi(2)).sqrt() - m.r
                        };
                        assert!(
                            (PATH_GAP_FROM..PATH_GAP_FROM + 4.0).contains(&gap(curve.from, from)),
                            "{a:?} {b:?} {c:?}"
                        );
                        assert!(
                            (PATH_GAP_TO..PATH_GAP_TO + 4.0).contains(&gap(curve.to, to)),
                            "{a:?} {b:?} {c:?}"
                        );
                    }
                }
            }
        }
        assert!(bent > 0, "some paths have to bend round their third stop");
    }

    #[test]
    fn screen_pixels_scale_to_user_units() {
        let g = Layout::default();
        // Drawn at half size, 100 px from the left and 50 px down.
        let (x, y) = g.to_user(
            (100.0 + g.width() / 4.0, 50.0 + 10.0),
            (100.0, 50.0),
            g.width() / 2.0,
        );
        assert!((x - g.width() / 2.0).abs() < 1e-9);
        assert!((y - 20.0).abs() < 1e-9);
    }

    #[test]
    fn a_lone_risk_sits_in_the_middle_of_its_cell() {
        let g = Layout::default();
        let ms = g.markers(&[
            (RiskId::new("R1"), rating(2, 3)),
            (RiskId::new("R2"), rating(5, 5)),
        ]);
        assert_eq!((ms[0].cx, ms[0].cy), g.cell_centre(rating(2, 3)));
        assert_eq!(ms[0].r, 22.0);
    }

    #[test]
    fn appetite_boundary_separates_scores_above_threshold() {
        let g = Layout::default();
        // Threshold 12: cells above are 3×5, 4×4, 4×5, 5×3, 5×4, 5×5.
        let segs = g.appetite_boundary(12);
        // Staircase: vertical edges left of 3×5, 4×4, 5×3; horizontal edges below 3×5, 4×4, 5×3.
        assert_eq!(segs.len(), 6);
        let v = segs.iter().filter(|s| s.x1 == s.x2).count();
        assert_eq!(v, 3);
        assert!(g.appetite_boundary(25).is_empty(), "nothing is above 25");
        // Threshold 0 would put every cell above: no inner edges.
        assert!(g.appetite_boundary(0).is_empty());
    }
}
