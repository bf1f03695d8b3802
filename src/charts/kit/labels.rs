//! Words on a chart: plain labels, centred lines, wrapping, width estimates and markers.

use super::*;

/// Plain text at a pixel position.
pub fn label(root: &Root, text: &str, at: (i32, i32), style: &TextStyle) -> DrawResult {
    if text.is_empty() {
        return Ok(());
    }
    root.draw(&Text::new(text.to_string(), at, style.clone()))?;
    Ok(())
}

/// Lines of text centred under `at` (first line's top at `at.1`), 15 units apart.
pub fn label_lines(root: &Root, lines: &[String], at: (i32, i32), px: f64) -> DrawResult {
    let style = text_style(px, TEXT, (HPos::Center, VPos::Top));
    for (i, line) in lines.iter().enumerate() {
        label(
            root,
            line,
            (at.0, at.1 + i as i32 * (px * 1.25) as i32),
            &style,
        )?;
    }
    Ok(())
}

/// Row names for the space left of a plot: each wrapped to at most two lines of about
/// `chars` characters, and the width of the widest line (at most `max_px`).
pub fn name_column<'a>(
    names: impl IntoIterator<Item = &'a str>,
    chars: usize,
    max_px: i32,
) -> (Vec<Vec<String>>, i32) {
    let lines: Vec<Vec<String>> = names.into_iter().map(|n| wrap(n, chars, 2)).collect();
    let widest = lines
        .iter()
        .flatten()
        .map(|l| approx_width(l, TEXT_PX))
        .max()
        .unwrap_or(0)
        .min(max_px);
    (lines, widest)
}

/// Width of `text` at `px` in user units, estimated the same way on every target (about
/// the average glyph of a system UI font), so layout decisions do not depend on where the
/// chart is drawn.
pub fn approx_width(text: &str, px: f64) -> i32 {
    (text.chars().count() as f64 * px * 0.58).ceil() as i32
}

/// Words wrapped into at most `max_lines` lines of about `width` characters; the last
/// line ends in "…" if words were left out.
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cut = false;
    for word in text.split_whitespace() {
        // A word longer than a line (a pasted link, 2,000 letters without a space) is cut
        // to the line with "…", so no label runs off its box.
        let short: String;
        let word = if word.chars().count() > width.max(2) {
            short = word.chars().take(width.max(2) - 1).chain(['…']).collect();
            short.as_str()
        } else {
            word
        };
        let full = lines.len() == max_lines.max(1);
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ if full => {
                cut = true;
                break;
            }
            _ => lines.push(word.to_string()),
        }
    }
    if cut {
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

/// A filled diamond marker of half-width `r` around a pixel point.
pub fn diamond((x, y): (i32, i32), r: i32, c: RGBColor) -> Polygon<(i32, i32)> {
    Polygon::new(
        vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
        c.filled(),
    )
}

/// Labels at the right-hand end of lines, in the margin right of the plot (so no line
/// across the plot, such as the zero line, runs through them), nudged apart so they never
/// overlap, and up again if the stack would run below `bottom` (a pixel row; `i32::MAX`
/// for no floor).
pub fn end_labels(
    root: &Root,
    plot: &Plot,
    ends: &[((f64, f64), String, RGBColor)],
    bottom: i32,
) -> DrawResult {
    let at = |pt: (f64, f64)| plot.backend_coord(&(finite(pt.0), finite(pt.1)));
    let right = plot
        .backend_coord(&(plot.x_range().end, plot.y_range().start))
        .0;
    let mut placed: Vec<(i32, usize)> = ends
        .iter()
        .enumerate()
        .map(|(i, (pt, _, _))| (at(*pt).1, i))
        .collect();
    placed.sort();
    for k in 1..placed.len() {
        if placed[k].0 - placed[k - 1].0 < 16 {
            placed[k].0 = placed[k - 1].0 + 16;
        }
    }
    let mut limit = bottom;
    for p in placed.iter_mut().rev() {
        p.0 = p.0.min(limit);
        limit = p.0 - 16;
    }
    for (y, i) in placed {
        let (pt, text, colour) = &ends[i];
        label(
            root,
            text,
            (at(*pt).0.max(right) + 6, y),
            &text_style(TEXT_PX, *colour, (HPos::Left, VPos::Center)),
        )?;
    }
    Ok(())
}
