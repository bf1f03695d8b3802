//! The colours (UK Government Analysis Function palettes, colour-blind safe) and the type
//! every chart writes in.

use super::*;

/// UK Government Analysis Function palette (colour-blind safe), categorical order.
pub const DARK_BLUE: RGBColor = RGBColor(0x12, 0x43, 0x6D);

pub const TURQUOISE: RGBColor = RGBColor(0x28, 0xA1, 0x97);

pub const DARK_PINK: RGBColor = RGBColor(0x80, 0x16, 0x50);

pub const ORANGE: RGBColor = RGBColor(0xF4, 0x6A, 0x25);

pub const DARK_GREY: RGBColor = RGBColor(0x3D, 0x3D, 0x3D);

pub const LIGHT_PURPLE: RGBColor = RGBColor(0xA2, 0x85, 0xD1);

/// Sequential blues (dark to light); the first is `DARK_BLUE`.
pub const MID_BLUE: RGBColor = RGBColor(0x20, 0x73, 0xBC);

pub const LIGHT_BLUE: RGBColor = RGBColor(0x6B, 0xAC, 0xE6);

pub const CATEGORICAL: [RGBColor; 6] = [
    DARK_BLUE,
    TURQUOISE,
    DARK_PINK,
    ORANGE,
    DARK_GREY,
    LIGHT_PURPLE,
];

/// Text, axis and grid greys.
pub const TEXT: RGBColor = RGBColor(0x0B, 0x0C, 0x0C);

pub const GRID: RGBColor = RGBColor(0xD9, 0xD9, 0xD9);

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
