//! Demand and finance: grouped driver controls beside the five-year projection's charts.

use crate::format;
use crate::model::drivers::DriverGroup;
use crate::report;
use crate::state::Action;
use crate::ui::components::{
    use_store, ChartCard, DriverControl, KeyFigures, ProvenanceNote, Term,
};
use crate::ui::hooks::use_after_first_task;
use crate::ui::store::on_click;
use std::rc::Rc;
use yew::prelude::*;

#[function_component(Drivers)]
pub fn drivers() -> Html {
    let store = use_store();
    let data = &store.dataset.drivers;

    // The page is a pure function of the derived results; rebuild only when they change.
    let page = {
        let ds = Rc::clone(&store.dataset);
        use_memo(
            (
                store.derived.projection.clone(),
                store.derived.baseline.clone(),
                store.derived.sensitivities.clone(),
            ),
            move |(p, base, s)| report::drivers::page(&ds.drivers, p, base, s),
        )
    };
    // The published bridge never changes with the drivers.
    let bridge = {
        let ds = Rc::clone(&store.dataset);
        use_memo((), move |_| report::drivers::bridge(&ds.drivers))
    };

    let reset_all = on_click(&store, Action::ResetDrivers);
    // The first two charts and the funding table at once; the charts below them, the
    // bridge and the published facts in a task of their own.
    let rest = use_after_first_task();

    html! {
        <section class="drivers-view">
            <h1 tabindex="-1">{ page.headline.clone() }</h1>
            <KeyFigures figures={page.figures.clone()} />
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
                    { for page.charts.iter().take(2).map(|c| html! { <ChartCard key={c.id} chart={c.clone()} /> }) }
                    <FundingTable key="funding-table" />
                    if rest {
                        { for page.charts.iter().skip(2).map(|c| html! { <ChartCard key={c.id} chart={c.clone()} /> }) }
                        <ChartCard key="budget-bridge" chart={(*bridge).clone()}>
                            <div class="chain-note">
                                <ProvenanceNote provenance={data.chain_note.clone()} />
                            </div>
                        </ChartCard>
                    }
                </div>
            </div>
            if rest {
                <PublishedFacts />
            }
        </section>
    }
}

/// Where funding comes from each year, in one table whose lines add up to the contract
/// sum and to total funding.
#[function_component(FundingTable)]
fn funding_table() -> Html {
    let store = use_store();
    let t = report::drivers::funding_table(&store.dataset.drivers, &store.derived.projection);
    html! {
        <section class="chart-card funding-card" id="funding-table" aria-labelledby="funding-title">
            <div class="chart-head"><h2 id="funding-title">{ "Where the funding comes from, by year" }</h2></div>
            <div class="chart-body">
                <table class="chart-table funding">
                    <caption>{ t.caption.clone() }</caption>
                    <thead><tr><th scope="col">{ "Line" }</th>
                        { for t.years.iter().map(|y| html! { <th scope="col" class="num">{ y.clone() }</th> }) }</tr></thead>
                    <tbody>
                        { for t.rows.iter().map(|r| html! {
                            <tr class={classes!(r.total.then_some("total"))}>
                                <th scope="row">{ r.label.clone() }</th>
                                { for r.cells.iter().map(|c| html! { <td class="num">{ c.clone() }</td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="caption">{ t.note.clone() }</p>
            if let Some(n) = &t.rounding_note {
                <p class="caption rounding-note">{ n.clone() }</p>
            }
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
                <FactsTable caption="Demand and workforce over time" figure="Figure" facts={report::drivers::history(data)} />
                <FactsTable caption="How Birmingham compares: children in care per 10,000 children" first="Area" figure="Rate" facts={report::drivers::comparators(data)} />
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
    let reset = on_click(&store, Action::ResetDriverGroup(group));
    let extra = (group == DriverGroup::Placements).then(|| html! { <PlacementPrices /> });
    html! {
        <fieldset class="driver-group" data-group={group.label()}>
            <legend>{ group.label() }</legend>
            if let Some(note) = report::drivers::group_note(group) {
                <p class="hint">{ note }</p>
            }
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
    let prices = report::drivers::placement_prices(data, &store.derived.projection);
    html! {
        <div class="placement-prices">
            if let Some(b) = &prices.balancing {
                <p class="balancing" data-share={format::data_value(&b.value)}>
                    <strong>{ b.line() }</strong>
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
                    { for prices.rows.into_iter().map(|t| html! {
                        <tr>
                            <th scope="row">{ t.label }</th>
                            <td class="num">{ format::quantity(&t.share) }</td>
                            <td class="num" title={t.ratio_note}>{ format::quantity(&t.ratio) }</td>
                            <td class="num">{ format::quantity(&t.weekly) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FactsTableProps {
    caption: AttrValue,
    /// The first column's heading.
    #[prop_or(AttrValue::Static("Measure"))]
    first: AttrValue,
    /// The figure column's heading.
    figure: AttrValue,
    facts: Vec<report::drivers::Fact>,
}

/// Published figures as a table: what, when, the figure and its source.
#[function_component(FactsTable)]
fn facts_table(p: &FactsTableProps) -> Html {
    html! {
        <table class="facts">
            <caption>{ p.caption.clone() }</caption>
            <thead><tr><th scope="col">{ p.first.clone() }</th><th scope="col">{ "When" }</th><th scope="col">{ p.figure.clone() }</th><th scope="col">{ "Source" }</th></tr></thead>
            <tbody>
                { for p.facts.iter().map(|f| html! {
                    <tr data-series={f.series.clone()}>
                        <th scope="row">{ f.measure.clone() }</th>
                        <td>{ f.when.clone() }</td>
                        <td class="num">{ format::quantity(&f.value) }</td>
                        <td><ProvenanceNote provenance={f.provenance.clone()} quote={false} /></td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
