//! Checks on the whole model that no single lowering step can make: things a spec can say
//! that no artifact could represent. Each failure names the spec and a JSON pointer.
//! (Reference and discriminator targets are checked while lowering, where the pointer into
//! the user's document is known.)

use crate::error::{Error, Result, escape_pointer_segment};
use crate::model::{Api, ParamLocation};

pub fn check(api: &Api) -> Result<()> {
    for op in &api.operations {
        let at = format!("/paths/{}/{}", escape_pointer_segment(&op.path), op.method.as_str());
        for name in path_template_names(&op.path) {
            if !op.parameters.iter().any(|p| p.location == ParamLocation::Path && p.name == name) {
                return Err(Error::new(&api.source, at, format!("path parameter {{{name}}} is not declared")));
            }
        }
    }
    Ok(())
}

/// The `{name}`s in a path template.
pub fn path_template_names(path: &str) -> Vec<&str> {
    path.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}
