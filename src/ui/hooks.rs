//! Hooks shared by components.

use crate::model::simulation::SimRequest;
use crate::state::rerun_delay_ms;
use crate::ui::store::Store;
use crate::ui::worker::SimControl;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A typed number box paired with a slider: what to show, the message for bad input,
/// and the handlers. While the person is typing, their text stays on screen; a valid
/// value is sent at once, an invalid one only shows its message (nothing changes), and
/// leaving the box goes back to the current value.
pub struct TypedValue {
    /// The person's text while editing, or None to show the current value.
    pub draft: Option<String>,
    pub error: Option<String>,
    pub on_text: Callback<InputEvent>,
    pub on_slider: Callback<InputEvent>,
    pub on_blur: Callback<FocusEvent>,
    /// A paste over several lines would reach the box with its line breaks taken out by
    /// the browser (`3⏎4` as 34): it is stopped here and explained instead.
    pub on_paste: Callback<Event>,
}

/// Reads a person's text as a value, or says in plain words what to type instead.
pub type Parser<T> = Rc<dyn Fn(&str) -> Result<T, String>>;

#[hook]
pub fn use_typed_value<T: 'static>(parse: Parser<T>, on_valid: Callback<T>) -> TypedValue {
    let draft = use_state(|| None::<String>);
    let error = draft.as_ref().and_then(|t| parse(t).err());
    let on_text = {
        let draft = draft.clone();
        let parse = Rc::clone(&parse);
        let on_valid = on_valid.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            if let Ok(v) = parse(&text) {
                on_valid.emit(v);
            }
            draft.set(Some(text));
        })
    };
    let on_slider = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = parse(&input.value()) {
                draft.set(None);
                on_valid.emit(v);
            }
        })
    };
    let on_paste = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let text = e
                .clipboard_data()
                .and_then(|d| d.get_data("text/plain").ok())
                .unwrap_or_default();
            if text.contains(['\n', '\r']) {
                e.prevent_default();
                // The draft keeps the line breaks, so the parser refuses it with its message.
                draft.set(Some(text));
            }
        })
    };
    let on_blur = {
        let draft = draft.clone();
        Callback::from(move |_| draft.set(None))
    };
    TypedValue {
        draft: (*draft).clone(),
        error,
        on_text,
        on_slider,
        on_blur,
        on_paste,
    }
}

/// Starts and stops simulation runs (the app provides one for every view).
#[hook]
pub fn use_sim_control() -> SimControl {
    use_context::<SimControl>().expect("the app provides the simulation control")
}

/// Starts the runs a changing request asks for: at once after a quiet spell or when
/// nothing is in flight, otherwise when changes pause ([`rerun_delay_ms`]). Keeps the
/// request last seen (with when it changed) and the run waiting to start.
pub struct Rerun<R> {
    seen: Option<(R, f64)>,
    pending: Option<Timeout>,
}

impl<R> Default for Rerun<R> {
    fn default() -> Self {
        Rerun {
            seen: None,
            pending: None,
        }
    }
}

/// Takes in `request` (`running`: whether a run is under way) and, when `start` is given,
/// starts it now (a change after a quiet spell or when nothing is in flight: the workers
/// take the run while the page draws the change that asked for it), in a task of its own
/// (the first request a view makes as it opens: starting the pool and sending it the
/// dataset would lengthen the opening's task), or when changes pause, replacing any run
/// still waiting.
pub fn rerun<R: PartialEq + Clone + 'static>(
    cell: &Rc<RefCell<Rerun<R>>>,
    request: &R,
    running: bool,
    start: Option<impl FnOnce() + 'static>,
) {
    let mut me = cell.borrow_mut();
    let in_flight = running || me.pending.take().is_some();
    let now = js_sys::Date::now();
    let opening = me.seen.is_none();
    let delay = match &me.seen {
        Some((r, _)) if r == request => 0,
        seen => {
            let delay = rerun_delay_ms(now, seen.as_ref().map(|(_, t)| *t), in_flight);
            me.seen = Some((request.clone(), now));
            delay
        }
    };
    match start {
        Some(start) if delay == 0 && !opening => {
            drop(me);
            start();
        }
        Some(start) => {
            let slot = Rc::clone(cell);
            me.pending = Some(Timeout::new(delay, move || {
                slot.borrow_mut().pending.take();
                start();
            }));
        }
        None => {}
    }
}

/// Keeps the simulation's results current for `request`: runs it on the page's dataset
/// when it changes (at once for a single change; after a pause in a quick run of
/// changes, such as a slider dragged), unless a run for it is under way or the person
/// stopped exactly this one. Any view that shows simulation results calls it.
#[hook]
pub fn use_auto_run(store: &Store, request: &SimRequest) {
    let control = use_sim_control();
    let runs = use_mut_ref(Rerun::<SimRequest>::default);
    let sim = &store.sim;
    let needs_run = !sim.is_current(request)
        && !sim.is_running_for(request)
        && sim.cancelled_for.as_ref() != Some(request);
    let next_id = sim.next_id;
    let running = sim.is_running();
    // Decided as the view draws, not in an effect after the whole page has drawn: a run
    // that starts at once reaches the workers before the page spends its time drawing
    // the change, so the two go on side by side.
    let seen = use_mut_ref(|| None::<(SimRequest, bool)>);
    let key = (request.clone(), needs_run);
    if seen.borrow().as_ref() != Some(&key) {
        *seen.borrow_mut() = Some(key);
        let dataset = Rc::clone(&store.dataset);
        let start = needs_run.then(|| {
            let request = request.clone();
            move || control.start(next_id, request, &dataset)
        });
        rerun(&runs, request, running, start);
    }
}

/// Charts put on the page at most this many per task (a chart's SVG takes a few ms to
/// parse and lay out), so that no task runs long when results arrive or a view opens.
pub const CHARTS_PER_TASK: usize = 3;

/// False while a view first draws, true from the next task on: the parts of a long view
/// below its first screen wait for it, so that opening the view is two short tasks
/// rather than one long one (nothing in sight moves). Stays true once set.
#[hook]
pub fn use_after_first_task() -> bool {
    use_staged_count(1, 0, 1) > 0
}

/// `compute(dep)` worked out in a task after the one that draws `dep`'s change, so that
/// costly derived content (a run's charts) does not lengthen the task that shows what
/// is quick to draw (the run's figures). Returns the value for the latest `dep` worked
/// out so far (None before the first) and whether the one for `dep` is still to come.
#[hook]
pub fn use_next_task<D, T, F>(dep: D, compute: F) -> (Option<Rc<T>>, bool)
where
    D: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(&D) -> T + 'static,
{
    let slot = use_mut_ref(|| None::<(D, Rc<T>)>);
    // The task that will work out the value, and for which `dep`: kept while the view
    // draws again for other reasons (a run's progress), so that those draws cannot put
    // it off again and again.
    let pending = use_mut_ref(|| None::<(D, Timeout)>);
    // The value is drawn in a task after the one that works it out.
    let draw = use_mut_ref(|| None::<Timeout>);
    let force = use_force_update();
    let (value, current) = match &*slot.borrow() {
        Some((d, v)) => (Some(Rc::clone(v)), *d == dep),
        None => (None, false),
    };
    use_effect(move || {
        let mut pending = pending.borrow_mut();
        if current {
            *pending = None;
        } else if !pending.as_ref().is_some_and(|(d, _)| *d == dep) {
            let key = dep.clone();
            let work = Timeout::new(0, move || {
                let v = Rc::new(compute(&dep));
                *slot.borrow_mut() = Some((dep, v));
                *draw.borrow_mut() = Some(Timeout::new(0, move || force.force_update()));
            });
            *pending = Some((key, work));
        }
    });
    (value, !current)
}

/// How many of a view's `total` parts to draw now: `first` as the view opens, then
/// `per_task` more in each later task until all are drawn (then all, however many there
/// come to be). A long view's later parts so arrive in several short tasks, each with a
/// short layout after it, rather than one long task and one long layout.
#[hook]
pub fn use_staged_count(total: usize, first: usize, per_task: usize) -> usize {
    let shown = use_mut_ref(|| first);
    let pending = use_mut_ref(|| None::<Timeout>);
    // Whether the next step's task is waiting: a draw for another reason leaves it be,
    // so that frequent draws (a run's progress) cannot put it off again and again.
    let armed = use_mut_ref(|| false);
    let force = use_force_update();
    let now = *shown.borrow();
    let done = now >= total;
    if done {
        *shown.borrow_mut() = usize::MAX;
    }
    use_effect(move || {
        if done {
            *pending.borrow_mut() = None;
        } else if !*armed.borrow() {
            *armed.borrow_mut() = true;
            let armed = armed.clone();
            *pending.borrow_mut() = Some(Timeout::new(0, move || {
                *armed.borrow_mut() = false;
                let next = shown.borrow().saturating_add(per_task.max(1));
                *shown.borrow_mut() = next;
                force.force_update();
            }));
        }
    });
    now.min(total)
}

/// The charts to show now on the way to `target`: unchanged ones at once, then at most
/// [`CHARTS_PER_TASK`] new or changed ones per task (the others keep their older version
/// or are left out, for the view to hold their places), the next ones in a later task.
#[hook]
pub fn use_staged_charts(
    target: &[Rc<crate::charts::kit::Chart>],
) -> Vec<Rc<crate::charts::kit::Chart>> {
    let shown = use_mut_ref(Vec::new);
    let pending = use_mut_ref(|| None::<Timeout>);
    let force = use_force_update();
    let (now, done) =
        crate::report::stage::next(&shown.borrow(), target, CHARTS_PER_TASK, |c| c.id);
    shown.borrow_mut().clone_from(&now);
    use_effect(move || {
        *pending.borrow_mut() = (!done).then(|| Timeout::new(0, move || force.force_update()));
    });
    now
}

/// `on` once it has held for `ms` without a break, false as soon as it does not: for a
/// mark that would otherwise only flicker on for a moment.
#[hook]
pub fn use_held(on: bool, ms: u32) -> bool {
    let held = use_state_eq(|| false);
    {
        let held = held.clone();
        use_effect_with(on, move |on| {
            let timer = if *on {
                let held = held.clone();
                Some(Timeout::new(ms, move || held.set(true)))
            } else {
                held.set(false);
                None
            };
            move || drop(timer)
        });
    }
    on && *held
}

/// How far from the screen an element counts as near it: half a screen above or below,
/// so what it draws is in place before it scrolls into sight.
const NEAR_MARGIN: &str = "50% 0px";

/// What [`use_near_screen`] knows: whether the element was last seen near the screen, and
/// whether the page is being printed.
struct Nearness {
    seen: std::cell::Cell<bool>,
    printing: std::cell::Cell<bool>,
}

impl Nearness {
    fn near(&self) -> bool {
        self.seen.get() || self.printing.get()
    }
}

/// Whether the element `node` holds is on or near the screen, or the page is being
/// printed, as the component draws; it draws again when that becomes true (not when the
/// element moves away). Taken as near until the browser first says otherwise.
#[hook]
pub fn use_near_screen(node: NodeRef) -> bool {
    let state = use_memo((), |_| Nearness {
        seen: std::cell::Cell::new(true),
        printing: std::cell::Cell::new(false),
    });
    let force = use_force_update();
    {
        let state = Rc::clone(&state);
        use_effect_with(node, move |node| {
            // Sets what changed, and draws again if the element has just become near.
            let update = move |set: &dyn Fn(&Nearness)| {
                let was = state.near();
                set(&state);
                if state.near() && !was {
                    force.force_update();
                }
            };
            let seen = {
                let update = update.clone();
                wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
                    move |entries: js_sys::Array| {
                        let last = entries
                            .iter()
                            .last()
                            .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok());
                        if let Some(e) = last {
                            update(&|n| n.seen.set(e.is_intersecting()));
                        }
                    },
                )
            };
            let init = web_sys::IntersectionObserverInit::new();
            init.set_root_margin(NEAR_MARGIN);
            let observer = web_sys::IntersectionObserver::new_with_options(
                seen.as_ref().unchecked_ref(),
                &init,
            )
            .ok();
            if let (Some(o), Some(el)) = (&observer, node.cast::<web_sys::Element>()) {
                o.observe(&el);
            }
            // Printing lays out every element (Ctrl+P fires `beforeprint` and
            // `afterprint`; a print preview or emulated print media turns the query on).
            let window = gloo::utils::window();
            let printing = |on: bool| {
                let update = update.clone();
                move |_: &Event| update(&|n| n.printing.set(on))
            };
            let before = gloo::events::EventListener::new(&window, "beforeprint", printing(true));
            let after = gloo::events::EventListener::new(&window, "afterprint", printing(false));
            let media = window.match_media("print").ok().flatten().map(|q| {
                let query = q.clone();
                gloo::events::EventListener::new(&q, "change", move |_| {
                    let on = query.matches();
                    update(&|n| n.printing.set(on));
                })
            });
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop((seen, before, after, media));
            }
        });
    }
    state.near()
}
