//! The risk × risk grid of pairs (a lower triangle) that the co-occurrence and pairwise
//! charts colour, with the risk ids along its edges and the names in the empty half.

use super::*;

/// A grid cell with nothing to show: light grey, hatched.
pub(super) const NOT_SHOWN: Fill = Fill::Hatched {
    fill: RGBColor(0xF7, 0xF7, 0xF7),
    lines: RGBColor(0xA0, 0xA0, 0xA0),
};

/// Which of the five diverging colours `v` falls in, given the four edges between them.
pub fn bin(v: f64, edges: [f64; 4]) -> usize {
    edges.iter().filter(|e| v >= **e).count()
}

/// The risk × risk grid of pairs a < b: risk b's row, risk a's column (a lower triangle),
/// in user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairGrid {
    pub left: i32,
    pub top: i32,
    pub cell_w: i32,
    pub cell_h: i32,
    /// Risks; the grid has n − 1 rows and columns.
    pub n: usize,
}

impl PairGrid {
    /// The cell of the pair a < b: (top left, bottom right), or None if it is not a pair.
    pub fn cell(&self, a: usize, b: usize) -> Option<((i32, i32), (i32, i32))> {
        if a >= b || b >= self.n {
            return None;
        }
        let (row, col) = ((b - 1) as i32, a as i32);
        let x = self.left + col * self.cell_w;
        let y = self.top + row * self.cell_h;
        Some(((x, y), (x + self.cell_w, y + self.cell_h)))
    }

    pub fn bottom(&self) -> i32 {
        self.top + self.n.saturating_sub(1) as i32 * self.cell_h
    }

    /// Where the key of risk names goes: in the empty triangle above the diagonal, from
    /// the first column whose rows leave room for `lines` lines 16 units apart.
    pub fn key_at(&self, lines: usize) -> (i32, i32) {
        let cols = self.n.saturating_sub(1);
        let rows_needed = (lines * 16).div_ceil(self.cell_h.max(1) as usize);
        (
            self.left + rows_needed.min(cols) as i32 * self.cell_w + 10,
            self.top + 4,
        )
    }
}

/// One cell of a pair grid: colour (None: not shown, hatched) and its words.
pub(super) struct GridCell {
    pub(super) a: usize,
    pub(super) b: usize,
    pub(super) colour: Option<RGBColor>,
    pub(super) words: String,
}

impl GridCell {
    /// The cell of the pair a < b showing `value` (its colour and words), or "n/a" on
    /// hatching when there is nothing to show.
    pub(super) fn of(a: usize, b: usize, value: Option<(RGBColor, String)>) -> GridCell {
        let (colour, words) = match value {
            Some((colour, words)) => (Some(colour), words),
            None => (None, "n/a".to_string()),
        };
        GridCell {
            a,
            b,
            colour,
            words,
        }
    }
}

/// Draws a pair grid with the risk ids along both edges, the key of names in the empty
/// triangle and a legend row above. Returns the SVG.
pub(super) fn pair_grid_svg(
    s: &Summary,
    ds: &Dataset,
    cells: &[GridCell],
    legend: &[LegendItem],
) -> String {
    let n = s.risks.len();
    let top = (LEGEND_AT.1 + legend_height(legend, LEGEND_WIDTH) + 16).max(40);
    let grid = PairGrid {
        left: 60,
        top,
        cell_w: 66,
        cell_h: 40,
        n,
    };
    let height = (grid.bottom() + 56).max(HEIGHT as i32) as u32;
    render((WIDTH, height), |root| {
        legend_row(root, legend, LEGEND_AT, LEGEND_WIDTH)?;
        for c in cells {
            let Some((p, q)) = grid.cell(c.a, c.b) else {
                continue;
            };
            let words_colour = match c.colour {
                Some(colour) => {
                    root.draw(&Rectangle::new([p, q], colour.filled()))?;
                    text_on(colour)
                }
                None => {
                    if let Fill::Hatched { fill, lines } = NOT_SHOWN {
                        root.draw(&Rectangle::new([p, q], fill.filled()))?;
                        hatch(root, (p, q), lines, 7)?;
                    }
                    TEXT
                }
            };
            root.draw(&Rectangle::new([p, q], WHITE.stroke_width(2)))?;
            if c.colour.is_none() {
                // A white patch so "n/a" reads over the hatching.
                let (cx, cy) = ((p.0 + q.0) / 2, (p.1 + q.1) / 2);
                let w = approx_width(&c.words, TEXT_PX) / 2 + 3;
                root.draw(&Rectangle::new(
                    [(cx - w, cy - 8), (cx + w, cy + 8)],
                    WHITE.filled(),
                ))?;
            }
            label(
                root,
                &c.words,
                ((p.0 + q.0) / 2, (p.1 + q.1) / 2),
                &text_style(TEXT_PX, words_colour, (HPos::Center, VPos::Center)),
            )?;
        }
        let side = text_style(TEXT_PX, TEXT, (HPos::Right, VPos::Center));
        let under = text_style(TEXT_PX, TEXT, (HPos::Center, VPos::Top));
        for b in 1..n {
            if let Some((p, q)) = grid.cell(0, b) {
                label(root, &id_at(s, b), (p.0 - 8, (p.1 + q.1) / 2), &side)?;
            }
        }
        for a in 0..n.saturating_sub(1) {
            if let Some((p, q)) = grid.cell(a, n - 1) {
                label(root, &id_at(s, a), ((p.0 + q.0) / 2, q.1 + 6), &under)?;
            }
        }
        let key_style = text_style(TEXT_PX, TEXT, (HPos::Left, VPos::Top));
        let (kx, ky) = grid.key_at(n);
        for (i, id) in s.risks.iter().enumerate() {
            label(
                root,
                &risk_name(ds, id),
                (kx, ky + i as i32 * 16),
                &key_style,
            )?;
        }
        Ok(())
    })
}
