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
         our reading of them (grey)",
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
            .filter(|l| l.starts_with("<polygon") && l.contains(&format!("fill=\"{}\"", hex(col))))
            .count()
    };
    assert_eq!(heads(DARK_BLUE), stated);
    assert_eq!(heads(MID_GREY), reading);
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
    assert!(c.caption.contains("1 were added by you (purple)"));
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

#[test]
fn all_lists_the_network_charts() {
    let ds = Dataset::builtin().unwrap();
    let charts = all(&ds, &ds.interactions, &InteractionEdits::new());
    let ids: Vec<&str> = charts.iter().map(|c| c.id).collect();
    assert_eq!(ids, ["sim-network"]);
    for c in &charts {
        crate::charts::kit::assert_clean(c, &[]);
    }
}
