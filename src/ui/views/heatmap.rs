//! The heat map (5×5 or 4×4, as the dataset's scale): risks placed by likelihood and impact of the chosen rating,
//! movable by drag or arrow keys, with the appetite line, each risk's path, a summary,
//! the selected risk's detail, and a table alternative.

use crate::charts::register::Layout;
use crate::format;
use crate::model::{Impact, Likelihood, Rating, RatingKind, RiskId};
use crate::report::register::{owner_text, rating_assumed};
use crate::report::start::{ASSUMED_MARK, ASSUMED_SPOKEN};
use crate::report::{self, heat_map::MapSummary};
use crate::state::Action;
use crate::ui::components::{
    use_store, AssumedLegend, AssumedMark, BandBadge, NumberBox, ProvenanceNote, RatingEditor, Term,
};
use crate::ui::store::on_click;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

/// A marker being dragged: where it is and which cell it would land in.
#[derive(Clone, PartialEq)]
struct Drag {
    risk: RiskId,
    x: f64,
    y: f64,
    to: Rating,
}

#[function_component(HeatMap)]
pub fn heat_map() -> Html {
    let store = use_store();
    let ds = &store.dataset;
    let kind = store.view.map_rating;
    let page = report::heat_map::page(ds, &store.workspace.register, kind);
    let as_table = use_state(|| false);

    let set_kind = |k: RatingKind| {
        let s = store.clone();
        Callback::from(move |_: Event| s.dispatch(Action::SetMapRating(k)))
    };
    let toggle_paths = {
        let s = store.clone();
        let on = store.view.show_paths;
        Callback::from(move |_: Event| s.dispatch(Action::ShowPaths(!on)))
    };
    let toggle_table = {
        let t = as_table.clone();
        Callback::from(move |_| t.set(!*t))
    };

    html! {
        <section class="heatmap-view">
            <h1 tabindex="-1">{ page.headline.clone() }</h1>
            <div class="map-controls">
                <fieldset class="segmented">
                    <legend>{ "Place risks by" }</legend>
                    { for RatingKind::ALL.iter().map(|k| html! {
                        <label title={k.explanation()}>
                            <input type="radio" name="map-rating" value={k.key()}
                                checked={*k == kind} onchange={set_kind(*k)} />
                            { k.label() }
                        </label>
                    }) }
                </fieldset>
                <label class="check">
                    <input type="checkbox" checked={store.view.show_paths} onchange={toggle_paths} />
                    { "Show the selected risk's path: inherent → current → target" }
                </label>
                <AppetiteControl />
                <button type="button" class="table-toggle" aria-pressed={as_table.to_string()}
                    aria-controls="map-figure" onclick={toggle_table}>
                    { if *as_table { "Show as map" } else { "Show as table" } }
                </button>
            </div>
            <div class="map-layout">
                <figure class="map-figure" id="map-figure">
                    if *as_table { <MapTable /> } else { <MapSvg /> }
                    <figcaption>
                        <Legend />
                        <AssumedLegend />
                        <p class="caption">{ page.caption.clone() }</p>
                        <p class="source">{ page.source.clone() }</p>
                    </figcaption>
                </figure>
                <aside class="map-side" aria-label="Summary and selected risk">
                    <Summary summary={page.summary.clone()} />
                    <Detail />
                </aside>
            </div>
        </section>
    }
}

/// The appetite threshold with − and + buttons and a number box (no drag needed).
#[function_component(AppetiteControl)]
fn appetite_control() -> Html {
    let store = use_store();
    let t = store.workspace.register.appetite(&store.dataset.scales);
    let top = store.dataset.scales.max_score();
    let step = |d: i8| {
        let s = store.clone();
        Callback::from(move |_| s.dispatch(Action::StepAppetite(d)))
    };
    // Typed values go through the one number parser: a value out of 1-25 is refused with
    // a message (the threshold in use stays, and the box goes back to it on leaving).
    let on_typed = {
        let s = store.clone();
        Callback::from(move |v: f64| s.dispatch(Action::SetAppetite(v as u8)))
    };
    html! {
        <div class="appetite-control">
            <label for="appetite">
                <Term word="Risk appetite" explain="The level of risk the Board is prepared to accept. Risks scoring above this threshold are outside appetite and need action. The Trust publishes none; the default is an assumption (see About)." />
                <AssumedMark assumed={report::heat_map::appetite_assumed(&store.dataset, &store.workspace.register)} />
                { ": scores above" }
            </label>
            <button type="button" onclick={step(-1)} aria-label="Lower the appetite threshold by 1" disabled={t <= 1}>{ "−" }</button>
            <NumberBox id="appetite" label="Risk appetite: scores above" value={f64::from(t)} min={1.0} max={f64::from(top)} unit="score" whole=true onchange={on_typed} />
            <button type="button" onclick={step(1)} aria-label="Raise the appetite threshold by 1" disabled={t >= top}>{ "+" }</button>
        </div>
    }
}

/// The interactive map (also shown in presenter mode).
#[function_component(MapSvg)]
pub(crate) fn map_svg() -> Html {
    let store = use_store();
    let ds = &store.dataset;
    let scales = &ds.scales;
    let kind = store.view.map_rating;
    let appetite = store.workspace.register.appetite(scales);
    let layout = Layout::for_levels(scales.levels());
    let levels = layout.levels;
    let svg_ref = use_node_ref();
    let drag = use_state(|| None::<Drag>);
    let announce = use_state(String::new);

    let points_for = |k: RatingKind| -> Vec<(RiskId, Rating)> {
        ds.risks
            .iter()
            .map(|r| (r.id.clone(), store.workspace.register.rating(r, k)))
            .collect()
    };
    // The path view shows one risk, the selected one: its three ratings as stops and the
    // links between them; the other risks step aside so no link crosses them.
    let path = store
        .view
        .show_paths
        .then(|| store.view.selected.as_ref())
        .flatten()
        .and_then(|id| ds.risk(&id.0))
        .map(|r| {
            let ratings = store.workspace.register.ratings(r);
            layout.path(&r.id, RatingKind::ALL.map(|k| ratings.get(k)))
        });
    let shown = RatingKind::ALL.iter().position(|k| *k == kind).unwrap_or(1);
    let markers = match &path {
        Some(p) => vec![p.stops[shown].clone()],
        None => layout.markers(&points_for(kind)),
    };

    // Pointer position in user units.
    let user_point = {
        let svg_ref = svg_ref.clone();
        move |e: &PointerEvent| -> Option<(f64, f64)> {
            let el = svg_ref.cast::<Element>()?;
            let rect = el.get_bounding_client_rect();
            Some(layout.to_user(
                (e.client_x() as f64, e.client_y() as f64),
                (rect.left(), rect.top()),
                rect.width(),
            ))
        }
    };
    let on_move = {
        let drag = drag.clone();
        let user_point = user_point.clone();
        Callback::from(move |e: PointerEvent| {
            if let (Some(d), Some((x, y))) = ((*drag).clone(), user_point(&e)) {
                drag.set(Some(Drag {
                    x,
                    y,
                    to: layout.nearest_cell(x, y),
                    ..d
                }));
            }
        })
    };
    let on_up = {
        let drag = drag.clone();
        let store = store.clone();
        let announce = announce.clone();
        Callback::from(move |_: PointerEvent| {
            if let Some(d) = (*drag).clone() {
                if let Some(risk) = store.dataset.risk(&d.risk.0) {
                    if store.workspace.register.rating(risk, kind) != d.to {
                        announce.set(format!(
                            "{} moved to {}: {}.",
                            risk.short_title,
                            format::rating_words(&store.dataset.scales, d.to),
                            format::score_words(&store.dataset.scales, d.to)
                        ));
                        store.dispatch(Action::SetRating {
                            risk: d.risk.clone(),
                            kind,
                            rating: d.to,
                        });
                    }
                }
                drag.set(None);
            }
        })
    };
    let on_cancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };

    // Crowded cells say how many risks they hold where they would name their band (not
    // while one risk's path is shown).
    let counts = if path.is_none() {
        layout.counts(&points_for(kind))
    } else {
        Vec::new()
    };
    let cells = layout.ratings().map(|r| {
        let count = counts.iter().find(|c| c.rating == r).map(|c| c.text());
        let (l, i) = (r.likelihood, r.impact);
        let rect = layout.cell_rect(l, i);
        let band = scales.band_of(r.score());
        let over = r.score().above(appetite);
        let hatch = if band.text_colour.eq_ignore_ascii_case("#ffffff") { "url(#hatch-light)" } else { "url(#hatch-dark)" };
        html! {
            <g class="cell" data-l={l.to_string()} data-i={i.to_string()}>
                <rect x={rect.x.to_string()} y={rect.y.to_string()} width={rect.w.to_string()} height={rect.h.to_string()}
                    fill={band.colour.clone()} stroke="#ffffff" stroke-width="2" />
                if over {
                    <rect x={rect.x.to_string()} y={rect.y.to_string()} width={rect.w.to_string()} height={rect.h.to_string()} fill={hatch} />
                }
                <text x={(rect.x + 6.0).to_string()} y={(rect.y + 17.0).to_string()} class="cell-label" fill={band.text_colour.clone()}>
                    <tspan class="cell-score">{ r.score().0 }</tspan>
                    if let Some(count) = count {
                        <tspan class="cell-count" dx="5">{ count }</tspan>
                    } else {
                        <tspan class="cell-band" dx="5">{ band.name.clone() }</tspan>
                    }
                </text>
            </g>
        }
    });

    let axis_l = Likelihood::up_to(levels).map(|l| {
        let rect = layout.cell_rect(l, Impact::new(1).expect("1 is a level"));
        let x = rect.x + rect.w / 2.0;
        let y = rect.y + rect.h;
        html! {
            <text class="axis-tick" text-anchor="middle" x={x.to_string()} y={(y + 20.0).to_string()}>
                <tspan x={x.to_string()} class="tick-num">{ l.to_string() }</tspan>
                <tspan x={x.to_string()} dy="17">{ scales.likelihood_level(l).label.clone() }</tspan>
            </text>
        }
    });
    let axis_i = Impact::up_to(levels).map(|i| {
        let rect = layout.cell_rect(Likelihood::new(1).expect("1 is a level"), i);
        let y = rect.y + rect.h / 2.0;
        html! {
            <text class="axis-tick" text-anchor="end" x={(layout.left - 10.0).to_string()} y={(y - 2.0).to_string()}>
                <tspan class="tick-num" x={(layout.left - 10.0).to_string()}>{ i.to_string() }</tspan>
                <tspan x={(layout.left - 10.0).to_string()} dy="17">{ scales.impact_level(i).label.clone() }</tspan>
            </text>
        }
    });
    let grid_bottom = layout.top + layout.grid();
    let grid_mid_x = layout.left + layout.grid() / 2.0;
    let grid_mid_y = layout.top + layout.grid() / 2.0;
    // Each risk's number in the register (shown on a marker too small for its id).
    let number_of = |id: &RiskId| {
        ds.risks
            .iter()
            .position(|r| &r.id == id)
            .map_or(0, |k| k + 1)
    };

    let boundary = layout.appetite_boundary(appetite).into_iter().map(|s| html! {
        <line class="appetite-line" x1={s.x1.to_string()} y1={s.y1.to_string()} x2={s.x2.to_string()} y2={s.y2.to_string()} />
    });

    let paths = path.as_ref().map(|p| {
        let ghosts = RatingKind::ALL.iter().zip(&p.stops).filter(|(k, _)| **k != kind).map(|(k, m)| html! {
            <g class="path-stop" data-kind={k.key()}>
                <circle cx={m.cx.to_string()} cy={m.cy.to_string()} r={m.r.to_string()} />
                <text x={m.cx.to_string()} y={(m.cy + 4.5).to_string()} text-anchor="middle">{ &k.label()[..1] }</text>
            </g>
        });
        let links = p.links.iter().enumerate().filter_map(|(k, c)| c.map(|c| html! {
            <path class={if k == 0 { "path-in" } else { "path-out" }} d={c.d()} marker-end="url(#arrow)" />
        }));
        html! {
            <g class="paths" aria-hidden="true">
                <g class="path" data-risk={p.stops[0].risk.to_string()}>
                    { for links }
                    { for ghosts }
                </g>
            </g>
        }
    });

    let drop_target = (*drag).as_ref().map(|d| {
        let rect = layout.cell_rect(d.to.likelihood, d.to.impact);
        html! { <rect class="drop-target" x={(rect.x + 3.0).to_string()} y={(rect.y + 3.0).to_string()} width={(rect.w - 6.0).to_string()} height={(rect.h - 6.0).to_string()} /> }
    });

    let marker_views = markers.iter().map(|m| {
        let risk = ds.risk(&m.risk.0).expect("markers come from the dataset");
        let selected = store.view.selected.as_ref() == Some(&m.risk);
        let dragging = (*drag).as_ref().filter(|d| d.risk == m.risk);
        let (cx, cy) = dragging.map(|d| (d.x, d.y)).unwrap_or((m.cx, m.cy));
        let assumed = rating_assumed(&store.workspace.register, risk, kind);
        let label = format!(
            "{} {}: {} rating {}, {}{}. Arrow keys move it; Enter selects.",
            risk.id,
            risk.short_title,
            kind.label().to_lowercase(),
            format::rating_words(scales, m.rating),
            format::score_words(scales, m.rating),
            if assumed { ASSUMED_SPOKEN } else { "" }
        );
        let on_key = {
            let store = store.clone();
            let id = m.risk.clone();
            let announce = announce.clone();
            let rating = m.rating;
            let short = risk.short_title.clone();
            let scales = ds.scales.clone();
            Callback::from(move |e: KeyboardEvent| {
                let (dl, di) = match e.key().as_str() {
                    "ArrowRight" => (1, 0),
                    "ArrowLeft" => (-1, 0),
                    "ArrowUp" => (0, 1),
                    "ArrowDown" => (0, -1),
                    "Enter" | " " => {
                        e.prevent_default();
                        store.dispatch(Action::Select(Some(id.clone())));
                        return;
                    }
                    "Escape" => {
                        store.dispatch(Action::Select(None));
                        return;
                    }
                    _ => return,
                };
                e.prevent_default();
                let to = rating.moved_within(dl, di, levels);
                announce.set(if to == rating {
                    format!("{short} is already at the edge of the map.")
                } else {
                    format!("{short} moved to {}: {}.", format::rating_words(&scales, to), format::score_words(&scales, to))
                });
                store.dispatch(Action::Select(Some(id.clone())));
                store.dispatch(Action::MoveRating { risk: id.clone(), kind, d_likelihood: dl, d_impact: di });
            })
        };
        let on_down = {
            let store = store.clone();
            let drag = drag.clone();
            let id = m.risk.clone();
            let svg_ref = svg_ref.clone();
            let user_point = user_point.clone();
            let rating = m.rating;
            Callback::from(move |e: PointerEvent| {
                if e.button() != 0 {
                    return;
                }
                e.prevent_default();
                if let Some(t) = e.current_target().and_then(|t| t.dyn_into::<web_sys::SvgElement>().ok()) {
                    let _ = t.focus();
                }
                if let Some(svg) = svg_ref.cast::<Element>() {
                    let _ = svg.set_pointer_capture(e.pointer_id());
                }
                store.dispatch(Action::Select(Some(id.clone())));
                if let Some((x, y)) = user_point(&e) {
                    drag.set(Some(Drag { risk: id.clone(), x, y, to: rating }));
                }
            })
        };
        html! {
            <g key={m.risk.to_string()} class={classes!("marker", selected.then_some("selected"), dragging.is_some().then_some("dragging"))}
               tabindex="0" role="button" aria-label={label} aria-pressed={selected.to_string()}
               data-risk={m.risk.to_string()} data-l={m.rating.likelihood.to_string()} data-i={m.rating.impact.to_string()}
               onkeydown={on_key} onpointerdown={on_down}>
                <circle class="ring" cx={cx.to_string()} cy={cy.to_string()} r={(m.r + 5.0).to_string()} />
                <circle class="dot" cx={cx.to_string()} cy={cy.to_string()} r={m.r.to_string()} />
                <text class="marker-label" x={cx.to_string()} y={(cy + 4.5).to_string()} text-anchor="middle"
                    font-size={if m.r < 15.0 { "11" } else { "13" }}>{ m.label(number_of(&m.risk), if m.r < 15.0 { 11.0 } else { 13.0 }) }</text>
                if assumed {
                    <g class="assumed-badge" aria-hidden="true">
                        <circle cx={(cx + m.r * 0.74).to_string()} cy={(cy - m.r * 0.74).to_string()} r="8.5" />
                        <text x={(cx + m.r * 0.74).to_string()} y={(cy - m.r * 0.74 + 4.5).to_string()} text-anchor="middle">{ ASSUMED_MARK }</text>
                    </g>
                }
            </g>
        }
    });

    html! {
        <>
        <svg ref={svg_ref.clone()} class="heatmap" viewBox={format!("0 0 {} {}", layout.width(), layout.height())}
             role="group" aria-labelledby="heatmap-title heatmap-desc"
             onpointermove={on_move} onpointerup={on_up} onpointercancel={on_cancel}>
            <title id="heatmap-title">{ format!("Heat map of the strategic risks at {} ratings", kind.label().to_lowercase()) }</title>
            <desc id="heatmap-desc">{ "Likelihood increases to the right, impact upwards. Tab to a risk and use the arrow keys to move it; or drag it." }</desc>
            <defs>
                <pattern id="hatch-dark" width="9" height="9" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <line x1="0" y1="0" x2="0" y2="9" stroke="#0B0C0C" stroke-opacity="0.22" stroke-width="3" />
                </pattern>
                <pattern id="hatch-light" width="9" height="9" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <line x1="0" y1="0" x2="0" y2="9" stroke="#FFFFFF" stroke-opacity="0.3" stroke-width="3" />
                </pattern>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" fill="#0B0C0C" />
                </marker>
            </defs>
            { for cells }
            { for boundary }
            { for axis_l }
            { for axis_i }
            <text class="axis-title" x={grid_mid_x.to_string()} y={(grid_bottom + 66.0).to_string()} text-anchor="middle">{ "Likelihood →" }</text>
            <text class="axis-title" text-anchor="middle" transform={format!("translate(22 {grid_mid_y}) rotate(-90)")}>{ "Impact →" }</text>
            { paths }
            { drop_target }
            { for marker_views }
        </svg>
        <p class="visually-hidden" aria-live="polite">{ (*announce).clone() }</p>
        </>
    }
}

/// Band swatches with names and ranges, the appetite line and (when shown) the path key.
#[function_component(Legend)]
fn legend() -> Html {
    let store = use_store();
    let scales = &store.dataset.scales;
    let appetite = store.workspace.register.appetite(scales);
    let kind = store.view.map_rating;
    let path_key = report::heat_map::path_key(&store.dataset, store.view.selected.as_ref(), kind);
    html! {
        <ul class="legend">
            { for scales.bands.iter().map(|b| html! {
                <li>
                    <span class="swatch" style={format::swatch_style(&b.colour)} aria-hidden="true"></span>
                    { format::band_range(b) }
                </li>
            }) }
            <li><span class="swatch appetite-swatch" aria-hidden="true"></span>{ format!("Hatched, behind the dashed line: above appetite (score above {appetite})") }</li>
            if store.view.show_paths {
                <li class="path-key">{ path_key }</li>
            }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    summary: MapSummary,
}

#[function_component(Summary)]
fn summary(props: &SummaryProps) -> Html {
    let s = &props.summary;
    html! {
        <section class="summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{ s.heading.clone() }</h2>
            <table class="band-counts">
                <caption class="visually-hidden">{ "Risks in each band" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Band (score)" }</th>
                        <th scope="col">{ s.column.clone() }</th>
                        if let Some(c) = &s.inherent_column { <th scope="col">{ c.clone() }</th> }
                    </tr>
                </thead>
                <tbody>
                    { for s.bands.iter().map(|b| html! {
                        <tr class="band-count" data-band={b.name.clone()}>
                            <th scope="row"><span class="swatch" style={format::swatch_style(&b.colour)} aria-hidden="true"></span>{ b.label.clone() }</th>
                            <td class="count-now">{ format::quantity(&b.risks) }</td>
                            if s.inherent_column.is_some() { <td class="count-inherent">{ format::quantity(&b.inherent) }</td> }
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="above-compare">{ s.compared.clone() }</p>
            <h3>{ s.above_heading.clone() }</h3>
            if s.above.is_empty() {
                <p class="above-list none">{ "None." }</p>
            } else {
                <ul class="above-list">
                    { for s.above.iter().map(|a| html! {
                        <li data-risk={a.id.to_string()}><BandBadge score={a.score} />{ " " }{ a.name.clone() }</li>
                    }) }
                </ul>
            }
            <p class="hint summary-note">{ s.note.clone() }</p>
        </section>
    }
}

/// The selected risk: words, all three ratings, and an editor for the map's rating.
#[function_component(Detail)]
fn detail() -> Html {
    let store = use_store();
    let Some(risk) = store
        .view
        .selected
        .as_ref()
        .and_then(|id| store.dataset.risk(&id.0))
    else {
        return html! { <p class="detail-empty">{ "Select a risk on the map (click it, or Tab to it and press Enter) to see its detail and change its rating here without dragging." }</p> };
    };
    let kind = store.view.map_rating;
    let ratings = store.workspace.register.ratings(risk);
    let close = on_click(&store, Action::Select(None));
    html! {
        <section class="detail" aria-labelledby="detail-title" data-risk={risk.id.to_string()}>
            <h2 id="detail-title">{ format!("{} {}", risk.id, risk.title) }</h2>
            <p class="statement">{ format!("“{}”", risk.statement) }</p>
            <p class="owner-line">{ format!("Owner: {}", owner_text(&store.workspace.register, risk)) }</p>
            <table class="detail-ratings">
                <tbody>
                    { for RatingKind::ALL.iter().map(|k| html! {
                        <tr class={classes!((*k == kind).then_some("shown"))}>
                            <th scope="row">{ k.label() }</th>
                            <td>{ format::rating_words(&store.dataset.scales, ratings.get(*k)) }</td>
                            <td><BandBadge score={ratings.get(*k).score()} /><AssumedMark assumed={rating_assumed(&store.workspace.register, risk, *k)} /></td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <AssumedLegend />
            <fieldset class="rating-row">
                <legend>{ format!("Change the {} rating", kind.label().to_lowercase()) }</legend>
                <RatingEditor risk={risk.id.clone()} kind={kind} id_prefix="detail-" />
            </fieldset>
            <details class="why-rating">
                <summary>{ "Why this rating?" }</summary>
                <p class="why">{ risk.ratings.get(kind).rationale.clone() }</p>
                <ProvenanceNote provenance={risk.ratings.provenance.clone()} />
            </details>
            <p class="detail-links">
                <a href="#/register">{ "Open the register" }</a>
                { " · " }
                <button type="button" class="link-button" onclick={close}>{ "Close" }</button>
            </p>
        </section>
    }
}

/// The map as a table: every risk with its rating, score, band and appetite status.
#[function_component(MapTable)]
fn map_table() -> Html {
    let store = use_store();
    let ds = &store.dataset;
    let kind = store.view.map_rating;
    let appetite = store.workspace.register.appetite(&ds.scales);
    html! {
        <table class="map-table">
            <caption>{ format!("Strategic risks at {} ratings", kind.label().to_lowercase()) }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Number" }</th>
                    <th scope="col">{ "Risk" }</th>
                    <th scope="col">{ format!("Likelihood (1-{})", ds.scales.levels()) }</th>
                    <th scope="col">{ format!("Impact (1-{})", ds.scales.levels()) }</th>
                    <th scope="col">{ format!("Score (1-{}) and band", ds.scales.max_score()) }</th>
                    <th scope="col">{ "Above appetite?" }</th>
                </tr>
            </thead>
            <tbody>
                { for ds.risks.iter().enumerate().map(|(k, r)| {
                    let rating = store.workspace.register.rating(r, kind);
                    html! {
                        <tr data-risk={r.id.to_string()}>
                            <td>{ k + 1 }</td>
                            <th scope="row" class="long-text">{ format!("{} {}", r.id, r.short_title) }</th>
                            <td>{ format!("{} {}", rating.likelihood, ds.scales.likelihood_level(rating.likelihood).label) }</td>
                            <td>{ format!("{} {}", rating.impact, ds.scales.impact_level(rating.impact).label) }</td>
                            <td><BandBadge score={rating.score()} /><AssumedMark assumed={rating_assumed(&store.workspace.register, r, kind)} /></td>
                            <td>{ if rating.score().above(appetite) { "Yes" } else { "No" } }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
