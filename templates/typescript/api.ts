{%- macro doc(lines, indent) -%}
{%- if !lines.is_empty() %}
{{ indent }}/**
{%- for line in lines %}
{{ indent }} *{% if !line.is_empty() %} {{ line }}{% endif %}
{%- endfor %}
{{ indent }} */
{%- endif -%}
{%- endmacro -%}
// {{ header }}

// Schemas, in spec order.
{%- for decl in decls %}
{% match decl %}
{%- when Decl::Interface(i) %}
{%- call doc(&i.doc, "") %}{% endcall %}
export interface {{ i.name }} {
{%- for f in i.fields %}
{%- call doc(&f.doc, "\t") %}{% endcall %}
	readonly {{ f.key }}{% if f.optional %}?{% endif %}: {{ f.ty }};
{%- endfor %}
{%- if let Some(index) = i.index.as_ref() %}
	readonly [key: string]: {{ index }};
{%- endif %}
}
{%- when Decl::Enum(e) %}
{%- call doc(&e.doc, "") %}{% endcall %}
export type {{ e.name }} = {{ e.ty }};
export const {{ e.list_name }}: {{ e.name }}[] = [
{%- for value in e.values %}
	{{ value }},
{%- endfor %}
];
{%- when Decl::Alias(a) %}
{%- call doc(&a.doc, "") %}{% endcall %}
export type {{ a.name }} = {{ a.ty }};
{%- endmatch %}
{%- endfor %}

// Every path and the operations on it.
export interface paths {
{%- for path in paths %}
	{{ path.key }}: {
{%- for m in path.methods %}
		{{ m.method }}: operations[{{ m.operation }}];
{%- endfor %}
	};
{%- endfor %}
}

// Every operation: its parameters by location, request body and responses by status.
export interface operations {
{%- for op in operations %}
{%- call doc(&op.doc, "\t") %}{% endcall %}
	{{ op.key }}: {
		parameters: {
{%- for group in op.parameters %}
{%- if group.fields.is_empty() %}
			{{ group.location }}?: never;
{%- else %}
			{{ group.location }}{% if group.optional %}?{% endif %}: {
{%- for f in group.fields %}
{%- call doc(&f.doc, "\t\t\t\t") %}{% endcall %}
				{{ f.key }}{% if f.optional %}?{% endif %}: {{ f.ty }};
{%- endfor %}
			};
{%- endif %}
{%- endfor %}
		};
{%- if let Some(body) = op.request_body.as_ref() %}
		requestBody{% if body.optional %}?{% endif %}: {
			content: {
{%- for c in body.content %}
				{{ c.key }}: {{ c.ty }};
{%- endfor %}
			};
		};
{%- else %}
		requestBody?: never;
{%- endif %}
		responses: {
{%- for r in op.responses %}
{%- call doc(&r.doc, "\t\t\t") %}{% endcall %}
			{{ r.key }}: {
{%- if !r.headers.is_empty() %}
				headers: {
{%- for f in r.headers %}
{%- call doc(&f.doc, "\t\t\t\t\t") %}{% endcall %}
					{{ f.key }}{% if f.optional %}?{% endif %}: {{ f.ty }};
{%- endfor %}
				};
{%- endif %}
{%- if r.content.is_empty() %}
				content?: never;
{%- else %}
				content: {
{%- for c in r.content %}
					{{ c.key }}: {{ c.ty }};
{%- endfor %}
				};
{%- endif %}
			};
{%- endfor %}
		};
	};
{%- endfor %}
}

