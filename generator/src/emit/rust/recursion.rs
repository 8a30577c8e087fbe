//! Recursion: a type that contains itself by value has infinite size. Items that hold each
//! other by value (not behind `Vec`, a map or `Box`) form strongly connected components; every
//! by-value use of an item of the same component gets a `Box`. Type aliases are transparent
//! (they are not storage), and an alias that reaches itself through aliases alone, which Rust
//! rejects, becomes a newtype struct first.

use super::types::{Item, ItemKind, Ty};
use std::collections::HashMap;

pub fn break_cycles(items: &mut [Item]) {
    let index: HashMap<String, usize> = items.iter().enumerate().map(|(i, item)| (item.name.clone(), i)).collect();

    // Aliases through aliases (at any depth: `type A = Vec<A>` is as illegal as `type A = B; type B = A;`).
    let alias_edges: Vec<Vec<usize>> = items
        .iter()
        .map(|item| match &item.kind {
            ItemKind::Alias(ty) => {
                let mut names = Vec::new();
                ty.mentions(&mut names);
                names.iter().filter_map(|n| index.get(n).copied()).filter(|&j| matches!(items[j].kind, ItemKind::Alias(_))).collect()
            }
            _ => Vec::new(),
        })
        .collect();
    let alias_scc = components(&alias_edges);
    for i in 0..items.len() {
        let cyclic = alias_edges[i].iter().any(|&j| alias_scc[j] == alias_scc[i]);
        if cyclic && let ItemKind::Alias(ty) = &items[i].kind {
            items[i].kind = ItemKind::Newtype(ty.clone());
        }
    }

    // By-value containment.
    let edges: Vec<Vec<usize>> = items
        .iter()
        .map(|item| item.kind.types().into_iter().filter_map(|ty| direct(ty).and_then(|n| index.get(n).copied())).collect())
        .collect();
    let scc = components(&edges);
    for i in 0..items.len() {
        if matches!(items[i].kind, ItemKind::Alias(_)) {
            continue;
        }
        let own = scc[i];
        for ty in items[i].kind.types_mut() {
            let same = direct(ty).and_then(|n| index.get(n)).is_some_and(|&j| scc[j] == own);
            if same {
                *ty = Ty::Boxed(Box::new(ty.clone()));
            }
        }
    }
}

/// The item a type holds by value, if any.
fn direct(ty: &Ty) -> Option<&str> {
    match ty {
        Ty::Named(name) => Some(name),
        _ => None,
    }
}

/// Tarjan's algorithm, iterative (schema graphs can be deep): the component id of each node.
fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let (mut order, mut low, mut comp) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut stack, mut on_stack) = (Vec::new(), vec![false; n]);
    let (mut next_order, mut next_comp) = (0, 0);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        // (node, index of the next edge to follow)
        let mut work = vec![(root, 0)];
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if *edge == 0 && order[v] == UNSEEN {
                order[v] = next_order;
                low[v] = next_order;
                next_order += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if order[w] == UNSEEN {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = next_comp;
                    if w == v {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn components_group_cycles_only() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 -> 0
        let comp = components(&[vec![1], vec![2], vec![0], vec![3], vec![0]]);
        assert_eq!(comp[0], comp[1]);
        assert_eq!(comp[1], comp[2]);
        assert_ne!(comp[3], comp[0]);
        assert_ne!(comp[4], comp[0]);
    }
}
