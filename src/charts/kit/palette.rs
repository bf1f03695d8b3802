//! The colours and the type every chart writes in.
//!
//! # One colour, one meaning, across the whole app
//!
//! A board reads colour before words, so a colour means one kind of thing everywhere (the
//! charts here, the stylesheet and the views agree):
//!
//! - **Rating bands** ([`BANDS`]: Low, Medium, High, Very high, the dataset's
//!   `scales.json` colours) colour *only* ratings: the heat map's cells, its legend and the
//!   rating chips. No other chart and no other part of the page uses them (the stylesheet's
//!   accent is [`ACCENT`], not the Very high plum).
//! - **Money, worse or better** ([`OVERSPEND`] and [`SURPLUS`], with light tints for grid
//!   cells, [`MONEY`]) colour *only* money: an overspend or a change that makes the money
//!   worse, a surplus or a change that makes it better. Every money chart that shows
//!   worse against better uses this pair and nothing else does.
//! - **Risks** are named by their label (R1…R9) everywhere. A risk has a colour only where
//!   [`MAX_COLOURED_RISKS`] or fewer risks are drawn, and then always its own, from one
//!   fixed assignment ([`risk_colour`]: R1 is the same colour on every view), which never
//!   reuses a band or money colour. Above four risks drawn, every risk is the one neutral
//!   [`RISK_NEUTRAL`] and is labelled directly ([`risk_colours`] decides).
//! - **Everything else** is the house blues and greys: [`DARK_BLUE`] the main series (the
//!   projection at these settings, the simulated median), lighter blues the model's ranges,
//!   [`DARK_GREY`] (dashed) the baseline or default, [`RECORD`] (near-black diamonds) the
//!   Trust's published record, and [`ACCENT`] something you set or changed.
//!
//! No reading relies on colour alone: every series is also named, shaped or patterned.

use super::*;
use crate::model::RiskId;

/// UK Government Analysis Function palette: the house colours.
pub const DARK_BLUE: RGBColor = RGBColor(0x12, 0x43, 0x6D);

pub const DARK_GREY: RGBColor = RGBColor(0x3D, 0x3D, 0x3D);

/// Sequential blues (dark to light); the first is `DARK_BLUE`.
pub const MID_BLUE: RGBColor = RGBColor(0x20, 0x73, 0xBC);

pub const LIGHT_BLUE: RGBColor = RGBColor(0x6B, 0xAC, 0xE6);

/// A mid grey, for secondary marks (lighter than `DARK_GREY`, 3.3:1 on white).
pub const MID_GREY: RGBColor = RGBColor(0x8A, 0x8F, 0x94);

/// A light grey, for quiet fills.
pub const LIGHT_GREY: RGBColor = RGBColor(0xCF, 0xD3, 0xD6);

/// Text, axis and grid greys.
pub const TEXT: RGBColor = RGBColor(0x0B, 0x0C, 0x0C);

pub const GRID: RGBColor = RGBColor(0xD9, 0xD9, 0xD9);

/// The Trust's published record (outturns, pressures, counts): near-black diamonds and bars.
pub const RECORD: RGBColor = TEXT;

/// Something you set or changed (a link you added, your threshold); the stylesheet's
/// `--plum` (a purple that is not the Very high band's colour).
pub const ACCENT: RGBColor = RGBColor(0x4C, 0x2C, 0x92);

/// The rating bands, Low to Very high, as `data/scales.json` colours them (a test holds the
/// two together). Only ratings use them.
pub const BAND_LOW: RGBColor = RGBColor(0xDD, 0xE7, 0xF0);

pub const BAND_MEDIUM: RGBColor = RGBColor(0xF9, 0xC9, 0xA0);

pub const BAND_HIGH: RGBColor = RGBColor(0xF4, 0x6A, 0x25);

pub const BAND_VERY_HIGH: RGBColor = RGBColor(0x80, 0x16, 0x50);

pub const BANDS: [RGBColor; 4] = [BAND_LOW, BAND_MEDIUM, BAND_HIGH, BAND_VERY_HIGH];

/// Money worse: an overspend, or a change that raises the spend or the gap.
pub const OVERSPEND: RGBColor = RGBColor(0xB2, 0x22, 0x22);

/// Money better: a surplus, or a change that lowers the spend or the gap.
pub const SURPLUS: RGBColor = RGBColor(0x28, 0xA1, 0x97);

/// Light tints of the money pair, for grid cells that step from worse to better.
pub const OVERSPEND_LIGHT: RGBColor = RGBColor(0xE4, 0xB2, 0xB2);

pub const SURPLUS_LIGHT: RGBColor = RGBColor(0xA9, 0xD9, 0xD5);

pub const MONEY: [RGBColor; 4] = [OVERSPEND, OVERSPEND_LIGHT, SURPLUS_LIGHT, SURPLUS];

/// The most risks drawn with a colour each; above this every risk is [`RISK_NEUTRAL`].
pub const MAX_COLOURED_RISKS: usize = 4;

/// The one colour of a risk among many (more than four drawn): the house dark blue, as the
/// heat map's circles and the register's risk chips.
pub const RISK_NEUTRAL: RGBColor = DARK_BLUE;

/// R1…R9's fixed colours, in label order. None is a band, money or house colour; the
/// presets' risks (R2 R3 R7; R6 R8 R9; R4 R5) get clearly different hues.
pub const RISK_COLOURS: [RGBColor; 9] = [
    RGBColor(0x7F, 0x7F, 0x00), // R1 olive
    RGBColor(0xD6, 0x6B, 0xA0), // R2 rose
    RGBColor(0x5A, 0x8F, 0x29), // R3 green
    RGBColor(0xA2, 0x85, 0xD1), // R4 lavender
    RGBColor(0x8C, 0x56, 0x4B), // R5 brown
    RGBColor(0xB8, 0x86, 0x0B), // R6 gold
    RGBColor(0x6A, 0x51, 0xA3), // R7 violet
    RGBColor(0x3E, 0x92, 0xCF), // R8 sky blue
    RGBColor(0x55, 0x6B, 0x2F), // R9 dark olive
];

/// A risk's own colour (R1…R9), or `None` for a label outside that set.
pub fn risk_colour(id: &RiskId) -> Option<RGBColor> {
    let n: usize = id.0.trim().strip_prefix(['R', 'r'])?.parse().ok()?;
    n.checked_sub(1).and_then(|i| RISK_COLOURS.get(i).copied())
}

/// The colours to draw `ids` in, one each: their own when at most [`MAX_COLOURED_RISKS`]
/// are drawn, else all [`RISK_NEUTRAL`] (labels say which is which).
pub fn risk_colours(ids: &[RiskId]) -> Vec<RGBColor> {
    if ids.len() > MAX_COLOURED_RISKS {
        return vec![RISK_NEUTRAL; ids.len()];
    }
    ids.iter()
        .map(|id| risk_colour(id).unwrap_or(RISK_NEUTRAL))
        .collect()
}

/// The colour as the SVG writes it: `#12436D`.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Text that readers of these colours should get: white on dark fills, near-black on light.
pub fn text_on(fill: RGBColor) -> RGBColor {
    let lum = 0.2126 * f64::from(fill.0) + 0.7152 * f64::from(fill.1) + 0.0722 * f64::from(fill.2);
    if lum < 110.0 {
        WHITE
    } else {
        TEXT
    }
}

/// A font whose SVG `font-size` is `px` (the SVG backend writes size ÷ 1.24).
pub fn font(px: f64) -> TextStyle<'static> {
    let mut style: TextStyle<'static> = (FONT_FAMILY, px * 1.24).into_font().into();
    style.color = TEXT.to_backend_color();
    style
}

/// Text with a colour and an anchor: `anchor` is (horizontal, vertical).
pub fn text_style(px: f64, colour: RGBColor, anchor: (HPos, VPos)) -> TextStyle<'static> {
    let mut style = font(px).pos(Pos::new(anchor.0, anchor.1));
    style.color = colour.to_backend_color();
    style
}
