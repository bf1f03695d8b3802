//! Demand and finance: grouped driver controls beside the five-year projection's charts.

use crate::charts::drivers as charts;
use crate::format;
use crate::model::drivers::{year_label, DriverGroup};
use crate::state::Action;
use crate::ui::components::{use_store, ChartCard, DriverControl, ProvenanceNote, Term};
use std::rc::Rc;
use yew::prelude::*;

#[function_component(Drivers)]
pub fn drivers() -> Html {
    let store = use_store();
    let ds = &store.dataset;
    let data = &ds.drivers;
    let p = store.derived.projection.clone();
    let last = p.last();
    let five = p.five_year_gap();
    let headline = format!(
        "At these settings the five-year gap is {} ({}), and {} in {}",
        format::gbp_m(five.abs()),
        if five >= 0.0 { "overspend" } else { "surplus" },
        match last.gap {
            g if g > 0.05 => format!("spend exceeds funding by {}", format::gbp_m(g)),
            g if g < -0.05 => format!("funding exceeds spend by {}", format::gbp_m(-g)),
            _ => "spend and funding match".to_string(),
        },
        year_label(last.year)
    );

    // Charts are pure functions of the derived results; rebuild only when they change.
    let chart_list = {
        let ds = Rc::clone(&store.dataset);
        use_memo(
            (
                store.derived.projection.clone(),
                store.derived.baseline.clone(),
                store.derived.sensitivities.clone(),
            ),
            move |(p, base, s)| {
                let d = &ds.drivers;
                vec![
                    Rc::new(charts::spend_vs_funding(d, p)),
                    Rc::new(charts::gap_by_year(p, base)),
                    Rc::new(charts::children_in_care(d, p, base)),
                    Rc::new(charts::placement_spend_by_type(d, p)),
                    Rc::new(charts::tornado(d, s)),
                    Rc::new(charts::outturns_and_gap(d, p)),
                ]
            },
        )
    };
    // The published bridge never changes with the drivers.
    let bridge = {
        let ds = Rc::clone(&store.dataset);
        use_memo((), move |_| Rc::new(charts::budget_bridge(&ds.drivers)))
    };

    let reset_all = {
        let s = store.clone();
        Callback::from(move |_| s.dispatch(Action::ResetDrivers))
    };
    let check = p.baseline_spend_difference(data);
    let baseline_label = data.baseline_label();

    html! {
        <section class="drivers-view">
            <h1 tabindex="-1">{ headline }</h1>
            <div class="key-figures" role="list">
                <div class="figure" role="listitem" data-figure="check">
                    <span class="figure-label">{ format!("{baseline_label} spend against the published table") }</span>
                    if check.abs() < 0.05 {
                        <span class="figure-value ok">{ format!("{} = published ✓", format::gbp_m(p.years[0].spend)) }</span>
                    } else {
                        <span class="figure-value">{ format!("{} ({} from published)", format::gbp_m(p.years[0].spend), format::gbp_m(check)) }</span>
                    }
                </div>
                <div class="figure" role="listitem" data-figure="five-year-gap" data-value={format!("{five:.3}")}>
                    <span class="figure-label"><Term word="Five-year gap" explain="Spend minus funding added up over 2025/26 to 2029/30. Positive is an overspend; surplus years count against it. Not discounted." /></span>
                    <span class="figure-value">{ format!("{} {}", format::gbp_m(five.abs()), if five >= 0.0 { "overspend" } else { "surplus" }) }</span>
                </div>
                <div class="figure" role="listitem" data-figure="last-gap">
                    <span class="figure-label">{ format!("Gap in {}", year_label(last.year)) }</span>
                    <span class="figure-value">{ format!("{} ({} of the contract sum)", format::gbp_m(last.gap), format::percent_1dp(last.gap_share)) }</span>
                </div>
                <div class="figure" role="listitem" data-figure="children">
                    <span class="figure-label">{ format!("Children in care in {}", year_label(last.year)) }</span>
                    <span class="figure-value">{ format!("{} children", format::count(last.children_in_care.round() as u64)) }</span>
                </div>
                <div class="figure" role="listitem" data-figure="caseload">
                    <span class="figure-label">{ format!("Caseload in {}", year_label(last.year)) }</span>
                    <span class="figure-value">
                        { format!("{:.1} children per social worker", last.caseload) }
                        if last.over_safe_caseload { <span class="flag-text">{ " — above the safe threshold" }</span> }
                    </span>
                </div>
            </div>
            <div class="drivers-layout">
                <aside class="driver-panel" aria-label="Drivers">
                    <div class="panel-head">
                        <h2>{ "Drivers" }</h2>
                        <button type="button" onclick={reset_all} disabled={store.workspace.drivers.is_empty()}>{ "Reset all drivers" }</button>
                    </div>
                    <p class="hint">{ "Move a slider or type a value. Hover over or focus " }<span class="info-dot" aria-hidden="true">{ "i" }</span>{ " for what a driver means, its default and its source." }</p>
                    { for DriverGroup::ALL.iter().map(|g| html! { <DriverGroupPanel group={*g} /> }) }
                </aside>
                <div class="chart-grid">
                    { for chart_list.iter().map(|c| html! { <ChartCard key={c.id} chart={c.clone()} /> }) }
                    <ChartCard key="budget-bridge" chart={(*bridge).clone()}>
                        <div class="chain-note">
                            <ProvenanceNote provenance={data.chain_note.clone()} />
                        </div>
                    </ChartCard>
                </div>
            </div>
            <PublishedFacts />
        </section>
    }
}

/// The published demand and workforce figures the projection starts from, and comparators.
#[function_component(PublishedFacts)]
fn published_facts() -> Html {
    let dataset = crate::ui::components::use_dataset();
    let data = &dataset.drivers;
    html! {
        <section class="published-facts" aria-labelledby="facts-title">
            <h2 id="facts-title">{ "What the Trust has published" }</h2>
            <p class="hint">{ "The demand and workforce figures behind the starting point, as printed, each with its source." }</p>
            <div class="facts-grid">
                <table class="facts">
                    <caption>{ "Demand and workforce over time" }</caption>
                    <thead><tr><th scope="col">{ "Measure" }</th><th scope="col">{ "When" }</th><th scope="col">{ "Figure" }</th><th scope="col">{ "Source" }</th></tr></thead>
                    <tbody>
                        { for data.history.iter().flat_map(|series| series.points.iter().map(move |pt| html! {
                            <tr data-series={series.key.clone()}>
                                <th scope="row">{ series.label.clone() }</th>
                                <td>{ pt.date.clone() }</td>
                                <td class="num">{ format!("{} {}", format::count(pt.value.round() as u64), series.unit) }</td>
                                <td><ProvenanceNote provenance={pt.provenance.clone()} quote={false} /></td>
                            </tr>
                        })) }
                    </tbody>
                </table>
                <table class="facts">
                    <caption>{ "How Birmingham compares: children in care per 10,000 children" }</caption>
                    <thead><tr><th scope="col">{ "Area" }</th><th scope="col">{ "When" }</th><th scope="col">{ "Rate" }</th><th scope="col">{ "Source" }</th></tr></thead>
                    <tbody>
                        <tr>
                            <th scope="row">{ "Birmingham" }</th>
                            <td>{ "end of March 2025" }</td>
                            <td class="num">{ format!("{} per 10,000", data.baseline.cic_rate_per_10k.value) }</td>
                            <td><ProvenanceNote provenance={data.baseline.cic_rate_per_10k.provenance.clone()} quote={false} /></td>
                        </tr>
                        { for data.comparators.iter().map(|c| html! {
                            <tr>
                                <th scope="row">{ c.label.clone() }</th>
                                <td>{ c.date.clone() }</td>
                                <td class="num">{ format!("{} per 10,000", c.value) }</td>
                                <td><ProvenanceNote provenance={c.provenance.clone()} quote={false} /></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct GroupProps {
    group: DriverGroup,
}

#[function_component(DriverGroupPanel)]
fn driver_group_panel(props: &GroupProps) -> Html {
    let store = use_store();
    let data = &store.dataset.drivers;
    let group = props.group;
    let keys: Vec<String> = data
        .drivers
        .iter()
        .filter(|d| d.group == group)
        .map(|d| d.key.clone())
        .collect();
    let edited = keys.iter().any(|k| store.workspace.drivers.contains_key(k));
    let reset = {
        let s = store.clone();
        Callback::from(move |_| s.dispatch(Action::ResetDriverGroup(group)))
    };
    let extra = (group == DriverGroup::Placements).then(|| html! { <PlacementPrices /> });
    html! {
        <fieldset class="driver-group" data-group={group.label()}>
            <legend>{ group.label() }</legend>
            <button type="button" class="group-reset" onclick={reset} disabled={!edited}
                aria-label={format!("Reset {} drivers", group.label().to_lowercase())}>{ "Reset" }</button>
            { for keys.iter().map(|k| {
                let edit = store.workspace.drivers.get(k).copied();
                let value = edit.or_else(|| data.driver(k).map(|d| d.default)).unwrap_or_default();
                html! { <DriverControl key={k.clone()} key_name={k.clone()} value={value} changed={edit.is_some()} /> }
            }) }
            { extra }
        </fieldset>
    }
}

/// The balancing share and the implied weekly prices the calibration solved.
#[function_component(PlacementPrices)]
fn placement_prices() -> Html {
    let store = use_store();
    let data = &store.dataset.drivers;
    let p = &store.derived.projection;
    let first = &p.years[0];
    let bal = data
        .placements
        .iter()
        .position(|t| t.key == data.balancing_placement);
    html! {
        <div class="placement-prices">
            if let Some(b) = bal {
                <p class="balancing" data-share={format!("{:.4}", first.placement_share(b))}>
                    <strong>{ format!("{}: {}", data.placements[b].label, format::percent(first.placement_share(b))) }</strong>
                    { " takes up the difference, so the shares always add up to 100%." }
                </p>
            }
            <table class="prices">
                <caption>
                    <Term word="Implied weekly prices" explain="One calibration factor is solved so that 2025/26 placement spend matches the published third-party line (less the non-placement part). Each type's price is its ratio to an agency foster placement times that factor, in 2025/26 prices." />
                    { " in 2025/26" }
                </caption>
                <thead><tr><th scope="col">{ "Placement" }</th><th scope="col">{ "Share" }</th><th scope="col">{ "Ratio" }</th><th scope="col">{ "£ a week" }</th></tr></thead>
                <tbody>
                    { for data.placements.iter().enumerate().map(|(i, t)| html! {
                        <tr>
                            <th scope="row">{ t.label.clone() }</th>
                            <td class="num">{ format::percent_1dp(first.placement_share(i)) }</td>
                            <td class="num" title={t.ratio_provenance.assumption.clone().unwrap_or_default()}>{ format!("{:.2}", t.price_ratio) }</td>
                            <td class="num">{ format!("£{}", format::count(p.calibration.implied_weekly_price[i].round() as u64)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
