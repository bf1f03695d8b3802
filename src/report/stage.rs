//! Putting a long list of charts on the page a few at a time, so that no task on the page
//! runs long: each step shows at most `budget` new or changed items, in the list's order,
//! and keeps the rest as they were (an older version stays until its turn; an item not yet
//! shown is left out, and the view holds its place with a placeholder of its size).

use std::rc::Rc;

/// The list to show next, on the way from `shown` to `target`: items unchanged since
/// `shown` come at once, at most `budget` new or changed ones are taken from `target`, and
/// every other item keeps its version in `shown` (or is left out if it was not shown).
/// Items are matched by `key`; the order is `target`'s. Also says whether the result is
/// `target` itself (nothing left to do).
pub fn next<T: PartialEq, K: PartialEq>(
    shown: &[Rc<T>],
    target: &[Rc<T>],
    mut budget: usize,
    key: impl Fn(&T) -> K,
) -> (Vec<Rc<T>>, bool) {
    let mut out = Vec::with_capacity(target.len());
    let mut done = true;
    for t in target {
        let k = key(t);
        let old = shown.iter().find(|s| key(s) == k);
        match old {
            Some(s) if Rc::ptr_eq(s, t) || **s == **t => out.push(Rc::clone(t)),
            _ if budget > 0 => {
                budget -= 1;
                out.push(Rc::clone(t));
            }
            Some(s) => {
                done = false;
                out.push(Rc::clone(s));
            }
            None => done = false,
        }
    }
    (out, done)
}

#[cfg(test)]
mod tests {
    use super::next;
    use std::rc::Rc;

    #[derive(Debug, PartialEq)]
    struct Item(&'static str, u32);

    fn list(items: &[(&'static str, u32)]) -> Vec<Rc<Item>> {
        items.iter().map(|(k, v)| Rc::new(Item(k, *v))).collect()
    }

    fn keys(v: &[Rc<Item>]) -> Vec<(&'static str, u32)> {
        v.iter().map(|i| (i.0, i.1)).collect()
    }

    #[test]
    fn a_first_showing_comes_a_few_at_a_time_in_order() {
        let target = list(&[("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 1)]);
        let (s1, done) = next(&[], &target, 2, |i| i.0);
        assert_eq!(keys(&s1), [("a", 1), ("b", 1)]);
        assert!(!done);
        let (s2, done) = next(&s1, &target, 2, |i| i.0);
        assert_eq!(keys(&s2), [("a", 1), ("b", 1), ("c", 1), ("d", 1)]);
        assert!(!done);
        let (s3, done) = next(&s2, &target, 2, |i| i.0);
        assert_eq!(keys(&s3), keys(&target));
        assert!(done);
        assert!(s3.iter().zip(&target).all(|(a, b)| Rc::ptr_eq(a, b)));
    }

    #[test]
    fn changed_items_keep_their_old_version_until_their_turn() {
        let old = list(&[("a", 1), ("b", 1), ("c", 1)]);
        let new = list(&[("a", 2), ("b", 1), ("c", 2)]);
        let (s1, done) = next(&old, &new, 1, |i| i.0);
        // "b" is unchanged, so it costs nothing; "c" waits with its old version.
        assert_eq!(keys(&s1), [("a", 2), ("b", 1), ("c", 1)]);
        assert!(!done);
        let (s2, done) = next(&s1, &new, 1, |i| i.0);
        assert_eq!(keys(&s2), [("a", 2), ("b", 1), ("c", 2)]);
        assert!(done);
    }

    #[test]
    fn items_gone_from_the_target_go_and_no_key_is_shown_twice() {
        let old = list(&[("b", 1), ("a", 1), ("x", 1)]);
        let new = list(&[("a", 2), ("b", 2)]);
        let (s1, done) = next(&old, &new, 1, |i| i.0);
        assert_eq!(keys(&s1), [("a", 2), ("b", 1)]);
        assert!(!done);
        let (s2, done) = next(&s1, &new, 0, |i| i.0);
        assert_eq!(keys(&s2), [("a", 2), ("b", 1)]);
        assert!(!done, "no budget, no progress");
        let (s3, done) = next(&s2, &new, 5, |i| i.0);
        assert_eq!(keys(&s3), [("a", 2), ("b", 2)]);
        assert!(done);
    }

    #[test]
    fn a_target_equal_to_what_is_shown_is_done_at_once() {
        let old = list(&[("a", 1), ("b", 1)]);
        let same = list(&[("a", 1), ("b", 1)]);
        let (s, done) = next(&old, &same, 0, |i| i.0);
        assert!(done);
        assert_eq!(keys(&s), keys(&same));
    }
}
