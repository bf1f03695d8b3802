//! The risks as nodes on a circle and an arrow for every link in force.

use super::*;

/// "×1.5", "×2", "×2.25".
pub(super) fn multiplier(m: f64) -> String {
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

/// The risks as nodes on a circle and an arrow for every link in force.
pub fn network(ds: &Dataset, interactions: &Interactions, edits: &InteractionEdits) -> Chart {
    let ids: Vec<RiskId> = ds.risks.iter().map(|r| r.id.clone()).collect();
    let all = links(&ids, interactions, edits);
    let layout = NetLayout::for_count(ids.len());
    // Nodes too small for their ids show their number in the register, which the table
    // then gives.
    let numbered = ids
        .iter()
        .enumerate()
        .any(|(k, id)| node_text(&id.0, k + 1, layout.node_r) != id.0);
    let name = |i: usize| {
        ds.risks
            .get(i)
            .map(|r| {
                if numbered {
                    format!("{}. {}", i + 1, risk_name(ds, &r.id))
                } else {
                    risk_name(ds, &r.id)
                }
            })
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
         blue) and {reading} are our reading of them (grey){}; links both ways are drawn as \
         two arrows side by side.{}",
        m(Strength::Weak),
        m(Strength::Moderate),
        m(Strength::Strong),
        all.len(),
        if added > 0 {
            format!(", and {added} were added by you (purple)")
        } else {
            String::new()
        },
        match (NetLayout::names_beside(n), numbered) {
            (true, false) => String::new(),
            (true, true) => " A circle too small for its risk's id shows the risk's number in the register (the table gives both).".to_string(),
            (false, _) => format!(
                " With {n} risks the names are in the table, not beside the circles; each circle shows its risk's {}.",
                if numbered { "number in the register (the table gives both)" } else { "id" }
            ),
        }
    );
    let mut bases = vec![Basis::Stated, Basis::Reading];
    if added > 0 {
        bases.push(Basis::Added);
    }

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
                &node_text(&ids[i].0, i + 1, layout.node_r),
                c,
                &text_style(13.0, TEXT, (HPos::Center, VPos::Center)),
            )?;
            if !NetLayout::names_beside(n) {
                continue;
            }
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
