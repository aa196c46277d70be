#!/usr/bin/env python3
"""The model generator: an API schema (schemas/) and its reviewed overrides
(overrides/) in, the typed models of every operation out.

    python3 lib/generator/generate.py ecs            # rewrites the committed files
    python3 lib/generator/generate.py ecs --out DIR  # writes the same tree under DIR

For product P (namespace alicloud::P) it writes, under the repository root:
    include/alicloud/P/models/<operation>.hpp   an operation's request and response
    include/alicloud/P/types/<type>.hpp         a nested type that several operations share
    include/alicloud/P/operations.hpp           the operation list (an X-macro) and
                                                forward declarations, for client.hpp
    include/alicloud/P/catalog.hpp              P::catalog(): each operation's parameters
    lib/P/generated/catalog.cpp                 by wire name, type and whether required
    lib/P/generated/<operation>.cpp             the operation's descriptors: the data the
                                                one encoder and one decoder of
                                                lib/core/model walk
    lib/P/generated/types/<type>.cpp            a shared type's descriptors
    lib/P/generated/type_infos.hpp              their declarations
    lib/P/generated/sources.cmake               the list of the above
    test/P/generated/wire_keys.inc              golden data: each operation's flattened keys

Python 3's standard library only; the output depends on the inputs alone (sorted,
no dates), so regenerating an unchanged schema changes nothing - a test checks it.
"""

import argparse
import fnmatch
import json
import os
import re
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

PRODUCTS = {
    # product: (schema file, namespace, what to call it in comments)
    "ecs": ("ecs-2014-05-26.json", "ecs", "ECS"),
    "vpc": ("vpc-2016-04-28.json", "vpc", "VPC"),
    "sts": ("sts-2015-04-01.json", "sts", "STS"),
    "ram": ("ram-2015-05-01.json", "ram", "RAM"),
}

# How each product's official SDK chooses its host (its client's _endpointRule):
# one per region, or one central host for every region.
ENDPOINT_RULES = {"ecs": "regional", "vpc": "regional", "sts": "regional", "ram": "central"}

# Headers a client header includes beyond its operation list: ECS's has always
# brought the models of its instance operations, and programs rely on it.
CLIENT_INCLUDES = {"ecs": ["<alicloud/ecs/models.hpp>"]}

# The operation a client header's example calls, and what it sets.
CLIENT_EXAMPLES = {
    "ecs": ("describe_instances", '{.region_id = "cn-hangzhou", .page_size = 50}'),
    "vpc": ("describe_vpcs", '{.region_id = "cn-hangzhou"}'),
    "sts": ("assume_role", '{.role_arn = arn, .role_session_name = "deploy"}'),
    "ram": ("list_users", "{}"),
}

CPP_KEYWORDS = set("""
alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t
char32_t class compl concept const consteval constexpr constinit const_cast continue co_await
co_return co_yield decltype default delete do double dynamic_cast else enum explicit export
extern false float for friend goto if inline int long mutable namespace new noexcept not not_eq
nullptr operator or or_eq private protected public register reinterpret_cast requires return
short signed sizeof static static_assert static_cast struct switch template this thread_local
throw true try typedef typeid typename union unsigned using virtual void volatile wchar_t while
xor xor_eq diag
""".split())

# Words the service capitalises in ways a snake_case split would tear apart.
WORD_FIXES = [("VSwitch", "Vswitch"), ("IPv6", "Ipv6"), ("IPv4", "Ipv4"), ("VPort", "Vport")]


def snake(name):
    for bad, good in WORD_FIXES:
        name = name.replace(bad, good)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    s = re.sub(r"[^A-Za-z0-9_]", "_", s).lower()
    s = re.sub(r"_+", "_", s).strip("_")
    if s and s[0].isdigit():
        s = "n_" + s
    return s


def plural(name):
    if name.endswith("s") and not name.endswith("ss"):
        return name
    if name.endswith(("ss", "sh", "ch", "x")):
        return name + "es"
    if len(name) > 1 and name.endswith("y") and name[-2] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def singular(name):
    """The name of one element of a list called `name` (Permissions -> Permission)."""
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith(("sses", "shes", "ches", "xes")):
        return name[:-2]
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


def safe(name):
    return name + "_" if name in CPP_KEYWORDS else name


def cpp_string(text):
    out = []
    for ch in text:
        if ch in '\\"':
            out.append("\\" + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            out.append("\\x%02x" % ord(ch) if ord(ch) < 256 else "?")
    return '"' + "".join(out) + '"'


# --- the model: classes and fields as C++ will see them ----------------------------------------

SCALAR_KIND = {("string", None): "string", ("boolean", None): "boolean", ("number", "int32"): "int32",
               ("number", "int64"): "int64", ("number", "float"): "float32", ("number", "double"): "float64",
               ("number", None): "int64", ("any", None): "string"}
CPP_SCALAR = {"string": "std::string", "boolean": "bool", "int32": "std::int32_t", "int64": "std::int64_t",
              "float32": "float", "float64": "double", "map": "std::map<std::string, std::string>"}


class Field:
    def __init__(self):
        self.wire = ""          # the name on the wire
        self.item = ""          # responses: the element of a wrapper object ("Instance" in Instances)
        self.member = ""        # the C++ member
        self.kind = "string"    # string boolean int32 int64 float32 float64 object map
        self.form = "value"     # value optional list optional_list
        self.cls = None         # Class, for kind == object
        self.required = False
        self.json = False       # sent as one JSON string
        self.comma = False      # a list sent as one comma-separated string (the SDKs' "simple" style)
        self.checks = {}        # min, max, max_items, no_empty_items
        self.comment = ""

    def signature(self):
        return (self.wire, self.item, self.member, self.kind, self.form,
                self.cls.signature() if self.cls else None, self.required, self.json, self.comma,
                tuple(sorted(self.checks.items())), self.comment)


class Class:
    def __init__(self, schema_name, side, candidate, op):
        self.schema_name = schema_name
        self.side = side            # request / response
        self.candidate = candidate  # the name it would like
        self.op = op                # the operation it first appeared in
        self.fields = []
        self.name = None            # the C++ name, once chosen
        self.top = False            # an operation's request or response
        self._sig = None
        self.comment = ""

    def signature(self):
        if self._sig is None:
            self._sig = (self.candidate, self.side, tuple(f.signature() for f in self.fields))
        return self._sig

    def nested(self):
        return [f.cls for f in self.fields if f.cls is not None]


class Generator:
    def __init__(self, product, schema, overrides):
        self.product = product
        self.ns = PRODUCTS[product][1]
        self.title = PRODUCTS[product][2]
        self.schema = schema
        self.defs = schema["definitions"]
        self.ov = overrides
        self.ov_members = overrides.get("members", {})
        self.ov_types = overrides.get("type_names", {})
        self.used_overrides = set()
        self.operations = []  # (action, op, request Class, response Class)

    # - reading the schema

    def member_override(self, schema_class, wire):
        """The overrides of one member: those of every matching key, a pattern
        ("*RequestTag.Key") first and the exact key last."""
        key = schema_class + "." + wire
        out = {}
        for pattern in sorted(self.ov_members, key=lambda k: (k == key, k)):
            if pattern == key or fnmatch.fnmatchcase(key, pattern):
                self.used_overrides.add(pattern)
                out.update(self.ov_members[pattern])
        return out

    def build(self):
        for action in sorted(self.schema["operations"]):
            op = self.schema["operations"][action]
            json_params = set(op.get("jsonEncodedParams", []))
            req = self.read_class(op["request"], "request", snake(action) + "_request", action, json_params)
            resp = self.read_class(op["responseBody"], "response", snake(action) + "_response", action, set())
            req.top = resp.top = True
            req.name, resp.name = req.candidate, resp.candidate
            self.operations.append((action, op, req, resp))
        unused = set(self.ov_members) - self.used_overrides
        if unused:
            sys.exit("generate.py: overrides name members the schema does not have: " + ", ".join(sorted(unused)))
        self.name_types()

    def read_class(self, schema_name, side, candidate, action, json_params):
        cls = Class(schema_name, side, candidate, action)
        seen = set()
        # The order designated initializers follow: RegionId first, then what the
        # request requires, then the rest - each in wire-name order, as the schema.
        fields = self.defs[schema_name]["fields"]
        rank = lambda raw: 0 if raw["name"] == "RegionId" else 1 if self.is_required(schema_name, raw, side) else 2
        for raw in sorted(fields, key=rank):
            f = self.read_field(schema_name, raw, side, action, json_params)
            base = f.member
            n = 2
            while f.member in seen:
                f.member = "%s_%d" % (base, n)
                n += 1
            seen.add(f.member)
            cls.fields.append(f)
        return cls

    def is_required(self, schema_name, raw, side):
        if side != "request":
            return False
        key = schema_name + "." + raw["name"]
        ov = self.ov_members.get(key, {})
        return bool(ov.get("required", raw.get("required")))

    def read_field(self, schema_name, raw, side, action, json_params):
        f = Field()
        f.wire = raw["name"]
        f.required = bool(raw.get("required")) and side == "request"
        f.json = raw["name"] in json_params
        t = raw["type"]
        ov = self.member_override(schema_name, f.wire)
        many = False
        if t == "array":
            many = True
            items = raw["items"]
            if items["type"] == "object":
                f.kind = "object"
                f.cls = self.read_class(items["ref"], side, snake(singular(f.wire)), action, set())
            else:
                f.kind = SCALAR_KIND[(items["type"], items.get("format"))]
        elif t == "object":
            ref = self.defs[raw["ref"]]["fields"]
            inner = ref[0] if len(ref) == 1 else None
            if side == "response" and inner is not None and inner["type"] == "array":
                # {"Instances": {"Instance": [...]}}: the model holds the list itself
                many = True
                f.item = inner["name"]
                items = inner["items"]
                if items["type"] == "object":
                    f.kind = "object"
                    f.cls = self.read_class(items["ref"], side, snake(f.item), action, set())
                else:
                    f.kind = SCALAR_KIND[(items["type"], items.get("format"))]
            else:
                f.kind = "object"
                f.cls = self.read_class(raw["ref"], side, snake(f.wire), action, set())
        elif t == "map":
            f.kind = "map"
        else:
            f.kind = SCALAR_KIND[(t, raw.get("format"))]
        if "type" in ov:
            f.kind = ov["type"]
        if ov.get("as") == "json_string_list":
            # a string parameter that carries a JSON array by the service's convention
            many, f.json, f.kind = True, True, "string"
        if ov.get("as") == "comma_separated":
            # a list of strings the official SDK joins with commas into one parameter
            if not many or f.kind != "string":
                sys.exit("generate.py: %s.%s is not a list of strings, to send comma-separated" % (schema_name, f.wire))
            f.comma = True
        f.member = safe(ov.get("name") or (snake(plural(f.wire)) if many else snake(f.wire)))
        if side == "request":
            if many:
                f.form = "optional_list" if ov.get("as") == "json_string_list" else "list"
            elif f.kind == "map" or (f.kind == "string" and f.required):
                f.form = "value"
            else:
                f.form = "optional"
        else:
            f.form = "list" if many else ("optional" if ov.get("optional") else "value")
        if "required" in ov:
            f.required = ov["required"]
        if many and f.kind == "boolean":
            sys.exit("generate.py: %s.%s is a list of booleans, which the codec does not hold" % (schema_name, f.wire))
        for check in ("min", "max", "max_items", "max_length", "no_empty_items", "printable_ascii"):
            if check in ov:
                f.checks[check] = ov[check]
        f.comment = ov.get("comment", "")
        return f

    # - naming nested types

    def all_nested(self):
        out, seen = [], set()

        def visit(cls):
            for n in cls.nested():
                if id(n) not in seen:
                    seen.add(id(n))
                    visit(n)
                    out.append(n)
        for _, _, req, resp in self.operations:
            visit(req)
            visit(resp)
        return out

    def name_types(self):
        nested = self.all_nested()
        # identical shapes under the same name are one type
        groups = defaultdict(list)
        for c in nested:
            groups[c.signature()].append(c)
        self.shared = {}   # signature -> representative Class
        by_candidate = defaultdict(list)
        for sig, members in groups.items():
            rep = members[0]
            rep.users = sorted({m.op for m in members})
            rep.instances = members
            by_candidate[rep.candidate].append(rep)
        taken = {c.name for _, _, a, b in self.operations for c in (a, b)}
        taken |= {"client", "tag_list"}
        chosen = {}
        for cand in sorted(by_candidate):
            reps = by_candidate[cand]
            for rep in reps:
                for inst in rep.instances:
                    if inst.schema_name in self.ov_types:
                        rep.forced = self.ov_types[inst.schema_name]
            reps.sort(key=lambda r: (-len(r.users), r.users[0], r.schema_name))
            bare_taken = any(getattr(r, "forced", None) == cand for r in reps)
            for i, rep in enumerate(reps):
                name = getattr(rep, "forced", None)
                if name is None:
                    name = cand if (i == 0 and not bare_taken and cand not in taken) else snake(rep.users[0]) + "_" + cand
                base, n = name, 2
                while name in taken:
                    name = "%s_%d" % (base, n)
                    n += 1
                taken.add(name)
                chosen[rep.signature()] = name
                for inst in rep.instances:
                    inst.name = name
                    inst.rep = rep
        for c in nested:
            c.shared = len(c.rep.users) > 1
        # How each type is held (by name): which container functions it needs.
        self.uses = defaultdict(set)
        for c in [c for _, _, a, b in self.operations for c in (a, b)] + nested:
            for f in c.fields:
                if f.cls is not None:
                    self.uses[f.cls.name].add("list" if f.form == "list" else "optional" if f.form == "optional" else "value")
        self.types = sorted({id(c.rep): c.rep for c in nested}.values(), key=lambda c: c.name)
        for f in self.ov_types:
            if not any(inst.schema_name == f for t in self.types for inst in t.instances):
                sys.exit("generate.py: type_names override for a class no operation uses: " + f)

    # - writing C++

    def banner(self, comment="//"):
        return (comment + " Generated by lib/generator/generate.py from lib/generator/schemas/" +
                PRODUCTS[self.product][0] + "\n" + comment +
                " and lib/generator/overrides/" + self.product + ".json. Do not edit: change those and run\n" +
                comment + "     python3 lib/generator/generate.py " + self.product + "\n")

    def cpp_type(self, f):
        if f.kind == "object":
            base = "::alicloud::%s::%s" % (self.ns, f.cls.name)
        else:
            base = CPP_SCALAR[f.kind]
        return {"value": base, "optional": "std::optional<%s>" % base, "list": "std::vector<%s>" % base,
                "optional_list": "std::optional<std::vector<%s>>" % base}[f.form]

    def struct_text(self, cls, extra=""):
        lines = []
        if cls.comment:
            lines.append("// " + cls.comment)
        lines.append("struct %s {" % cls.name)
        for f in cls.fields:
            note = []
            if f.required:
                note.append("required")
            if f.json:
                note.append("sent as one JSON string")
            if f.comma:
                note.append("sent as one comma-separated string")
            wire = f.wire + ("." + f.item + "[]" if f.item else
                             (".N" if f.form == "list" and cls.side == "request" and not f.comma else ""))
            note.append(wire)
            if f.comment:
                note.append(f.comment)
            lines.append("    %s %s{}; // %s" % (self.cpp_type(f), f.member, "; ".join(note)))
        if extra:
            lines.append(extra)
        lines.append("};")
        return "\n".join(lines)

    def includes_for(self, classes):
        std = {"<string>", "<optional>", "<vector>", "<cstdint>"}
        for c in classes:
            if any(f.kind == "map" for f in c.fields):
                std.add("<map>")
        return sorted(std)

    def private_types(self, req, resp):
        """The op's own nested types, each after the types it holds."""
        out, seen = [], set()

        def visit(c):
            for n in c.nested():
                if n.shared or n.name in seen:
                    continue
                seen.add(n.name)
                visit(n)
                out.append(n)
        visit(req)
        visit(resp)
        return out

    def shared_deps(self, classes):
        out = set()
        for c in classes:
            for n in c.nested():
                if n.shared:
                    out.add(n.name)
        return sorted(out)

    def write_type_header(self, t):
        guard = "ALICLOUD_%s_TYPES_%s_HPP" % (self.ns.upper(), t.name.upper())
        text = [self.banner(), "#ifndef " + guard, "#define " + guard, ""]
        text.append("// Used by %s." % ", ".join(t.users[:6]) + (" and %d more." % (len(t.users) - 6) if len(t.users) > 6 else ""))
        text.append("")
        for d in self.shared_deps([t]):
            text.append("#include <alicloud/%s/types/%s.hpp>" % (self.ns, d))
        for s in self.includes_for([t]):
            text.append("#include " + s)
        text += ["", "namespace alicloud::%s {" % self.ns, "", self.struct_text(t), "", "} // namespace alicloud::%s" % self.ns, "", "#endif", ""]
        return "\n".join(text)

    def write_op_header(self, action, op, req, resp):
        guard = "ALICLOUD_%s_MODELS_%s_HPP" % (self.ns.upper(), req.name[: -len("_request")].upper())
        own = self.private_types(req, resp)
        text = [self.banner(), "#ifndef " + guard, "#define " + guard, "",
                "// %s %s (API version %s)." % (self.title, action, op["version"]), ""]
        text.append("#include <alicloud/core/diagnostics.hpp>")
        for d in self.shared_deps([req, resp] + own):
            text.append("#include <alicloud/%s/types/%s.hpp>" % (self.ns, d))
        text.append("")
        for s in self.includes_for([req, resp] + own):
            text.append("#include " + s)
        text += ["", "namespace alicloud::%s {" % self.ns, ""]
        for c in own:
            text += [self.struct_text(c), ""]
        text += [self.struct_text(req), ""]
        text += [self.struct_text(resp, "    // On failure: the service's Code, Message, RequestId... or the client's reason.\n"
                                        "    diagnostics diag{};"), ""]
        text += ["} // namespace alicloud::%s" % self.ns, "",
                 "// The library's descriptor tables need the structs alone; a program that",
                 "// co_awaits the operation needs this too (see the header it includes).",
                 "#ifndef ALICLOUD_GENERATED_DESCRIPTORS",
                 "#include <alicloud/detail/awaitable_exception_fix.hpp>",
                 "ALICLOUD_FIX_AWAITABLE_EXCEPTION_SIGNATURE(alicloud::%s::%s)" % (self.ns, resp.name),
                 "#endif", "", "#endif", ""]
        return "\n".join(text)

    # descriptors

    FORM = {"value": "value", "optional": "optional", "list": "list", "optional_list": "optional_list"}

    def info_name(self, c):
        # Descriptors live in namespaces of their own (generated::info, ::fields),
        # named as their struct: no generated name can collide with a type's.
        return "info::" + c.name

    def field_lines(self, cls):
        lines = []
        for f in sorted(cls.fields, key=lambda f: f.wire.encode()):
            flags = []
            if f.required:
                flags.append("field_flags::required")
            if f.json:
                flags.append("field_flags::json")
            if f.comma:
                flags.append("field_flags::comma_separated")
            if f.checks.get("no_empty_items"):
                flags.append("field_flags::no_empty_items")
            if f.checks.get("printable_ascii"):
                flags.append("field_flags::printable_ascii")
            nested = "&" + self.info_name(f.cls) if f.cls else "nullptr"
            limits = "{%s, %s, %s, %s}" % (
                "%dLL" % f.checks["min"] if "min" in f.checks else "no_min",
                "%dLL" % f.checks["max"] if "max" in f.checks else "no_max",
                "%du" % f.checks["max_items"] if "max_items" in f.checks else "no_max_items",
                "%du" % f.checks["max_length"] if "max_length" in f.checks else "no_max_items")
            lines.append("    {%s, %s, kind::%s, form::%s, %s, %s, %s,\n     [](void* o) noexcept -> void* { return &static_cast<::alicloud::%s::%s*>(o)->%s; }},"
                         % (cpp_string(f.wire), cpp_string(f.item), f.kind, f.form,
                            " | ".join(flags) if flags else "field_flags::none", nested, limits, self.ns, cls.name, f.member))
        return lines

    def class_info_text(self, c):
        text = []
        if c.fields:
            text.append("namespace fields {")
            text.append("constexpr field_info %s[] = {" % c.name)
            text += self.field_lines(c)
            text.append("};")
            text.append("} // namespace fields")
            span = "fields::" + c.name
        else:
            span = "{}"
        # Only the container functions some field needs are instantiated: each
        # costs compile time (a vector's growth, an optional's emplace).
        t = "::alicloud::%s::%s" % (self.ns, c.name)
        uses = self.uses.get(c.name, set())
        fn = lambda use, name: "&containers::%s<%s>" % (name, t) if use in uses else "nullptr"
        text.append("namespace info {")
        text.append("constexpr class_info %s{%s, %s," % (c.name, cpp_string(c.name), span))
        text.append("    %s, %s, %s," % (fn("list", "append"), fn("list", "size"), fn("list", "element")))
        text.append("    %s, %s, %s};" % (fn("optional", "engage"), fn("optional", "value"),
                                          "&containers::reset<%s>" % t if c.top else "nullptr"))
        text.append("} // namespace info")
        return text

    def write_type_source(self, t):
        text = [self.banner(), "#include <alicloud/%s/types/%s.hpp>" % (self.ns, t.name), "",
                '#include "%s/generated/type_infos.hpp"' % self.ns, "",
                "namespace alicloud::%s::generated {" % self.ns, "using namespace alicloud::detail::model;", ""]
        text += self.class_info_text(t)
        text += ["", "} // namespace alicloud::%s::generated" % self.ns, ""]
        return "\n".join(text)

    def is_idempotent(self, action):
        """A read, whose failed attempt may be repeated: by its verb, or as the overrides say."""
        ov_ops = self.ov.get("operations", {}).get(action, {})
        return ov_ops.get("idempotent", action.startswith(("Describe", "List", "Query", "Get")))

    def write_op_source(self, action, op, req, resp):
        own = self.private_types(req, resp)
        text = [self.banner(), "#define ALICLOUD_GENERATED_DESCRIPTORS",
                "#include <alicloud/%s/models/%s.hpp>" % (self.ns, req.name[: -len("_request")]),
                "#include <alicloud/%s/operations.hpp>" % self.ns, "",
                '#include "%s/generated/type_infos.hpp"' % self.ns, "",
                "namespace alicloud::%s {" % self.ns, "namespace generated {",
                "using namespace alicloud::detail::model;", "",
                "// constexpr: internal linkage, except the shared types' (type_infos.hpp).", ""]
        for c in own + [req, resp]:
            text += self.class_info_text(c)
            text.append("")
        text += ["} // namespace generated", ""]
        ov_ops = self.ov.get("operations", {}).get(action, {})
        idempotent = self.is_idempotent(action)
        token = any(f.wire == "ClientToken" for f in req.fields)
        rules = []
        op_name = req.name[: -len("_request")]  # names unique across operations: a unity build joins them
        wires = {f.wire for f in req.fields}
        for kind in ("required_unless", "not_both"):
            for field, others in sorted(ov_ops.get(kind, {}).items()):
                for w in [field] + others:
                    if w not in wires:
                        sys.exit("generate.py: the %s rule of %s names %s, which its request does not have" % (kind, action, w))
                rules.append((kind, field, others))
        if rules:
            at = text.index("} // namespace generated")
            block = []
            for i, (kind, field, others) in enumerate(rules):
                block.append("constexpr std::string_view %s_rule_%d[] = {%s};" % (op_name, i, ", ".join(cpp_string(o) for o in others)))
            block.append("constexpr alicloud::detail::request_rule %s_rules[] = {" % op_name)
            for i, (kind, field, others) in enumerate(rules):
                block.append("    {alicloud::detail::request_rule::type::%s, %s, %s_rule_%d}," % (kind, cpp_string(field), op_name, i))
            block.append("};")
            text[at:at] = block
        text += ["namespace detail {",
                 "constexpr alicloud::detail::operation_info %s_operation{" % req.name[: -len("_request")],
                 "    %s, %s, &generated::%s, &generated::%s," % (cpp_string(action), cpp_string(op["version"]),
                                                               self.info_name(req), self.info_name(resp)),
                 "    %s, // idempotent: %s" % ("true" if idempotent else "false",
                                                 "a read" if idempotent else "repeating it may act twice"),
                 "    %s%s};" % ("true" if token else "false", ", generated::%s_rules" % op_name if rules else ""),
                 "} // namespace detail", "", "} // namespace alicloud::%s" % self.ns, ""]
        return "\n".join(text)

    def write_type_infos(self):
        text = [self.banner(), "#ifndef ALICLOUD_LIB_%s_GENERATED_TYPE_INFOS_HPP" % self.ns.upper(),
                "#define ALICLOUD_LIB_%s_GENERATED_TYPE_INFOS_HPP" % self.ns.upper(), "",
                "// The descriptors of the shared types, defined in types/<name>.cpp.", "",
                '#include "core/model/descriptor.hpp"', "", "namespace alicloud::%s {" % self.ns]
        for t in self.types:
            if t.shared:
                text.append("struct %s;" % t.name)
        text += ["", "namespace generated::info {"]
        for t in self.types:
            if t.shared:
                text.append("extern const alicloud::detail::model::class_info %s;" % t.name)
        text += ["} // namespace generated::info", "} // namespace alicloud::%s" % self.ns, "", "#endif", ""]
        return "\n".join(text)

    def write_operations_header(self):
        g = "ALICLOUD_%s_OPERATIONS_HPP" % self.ns.upper()
        text = [self.banner(), "#ifndef " + g, "#define " + g, "",
                "// Every %s operation: the list client.hpp makes its member functions from," % self.title,
                "// and declarations enough to name them. A program includes the models of the",
                "// operations it calls (<alicloud/%s/models/<operation>.hpp>) and links only those." % self.ns,
                "", "namespace alicloud::detail {", "struct operation_info;", "}", "",
                "namespace alicloud::%s {" % self.ns, ""]
        for action, op, req, resp in self.operations:
            text.append("struct %s;" % req.name)
            text.append("struct %s;" % resp.name)
        text += ["", "namespace detail {"]
        for action, op, req, resp in self.operations:
            text.append("extern const alicloud::detail::operation_info %s_operation;" % req.name[: -len("_request")])
        text += ["} // namespace detail", "", "} // namespace alicloud::%s" % self.ns, "",
                 "// X(name): one line per operation, in the order of their API names."]
        text.append("#define ALICLOUD_%s_OPERATIONS(X) \\" % self.ns.upper())
        for i, (action, op, req, resp) in enumerate(self.operations):
            end = " \\" if i + 1 < len(self.operations) else ""
            text.append("    X(%s)%s" % (req.name[: -len("_request")], end))
        text += ["", "#endif", ""]
        return "\n".join(text)

    def write_client_header(self):
        g = "ALICLOUD_%s_CLIENT_HPP" % self.ns.upper()
        version = self.api_version()
        op, example = CLIENT_EXAMPLES[self.product]
        rule = ENDPOINT_RULES[self.product]
        where = ("its central endpoint (%s.aliyuncs.com) whatever the region" % self.ns if rule == "central"
                 else "the regional endpoint of `options.region_id`")
        text = [self.banner(), "#ifndef " + g, "#define " + g, "",
                "// The %s client (API version %s): one asynchronous member function per" % (self.title, version),
                "// operation, with the contract of <alicloud/service_client.hpp>.",
                "//",
                "//     #include <alicloud/%s/models/%s.hpp>" % (self.ns, op),
                "//     alicloud::%s::client %s(ioc, {.region_id = \"cn-hangzhou\", .credentials_provider = creds});"
                % (self.ns, self.ns),
                "//     auto answer = co_await %s.%s(%s);" % (self.ns, op, example),
                "//",
                "// It reaches `options.endpoint`, or else",
                "// %s." % where,
                ""] + ["#include %s" % h for h in CLIENT_INCLUDES.get(self.product, [])] + [
                "#include <alicloud/%s/operations.hpp>" % self.ns,
                "#include <alicloud/service_client.hpp>",
                "",
                "#include <string_view>",
                "",
                "namespace alicloud::%s {" % self.ns, "",
                "inline constexpr std::string_view api_version = \"%s\";" % version,
                "inline constexpr product_identity product{\"%s\", api_version, endpoint_rule::%s};"
                % (self.ns, rule),
                "",
                "class client : public service_client {",
                "public:",
                "    client(executor_type executor, client_options options)",
                "        : service_client(std::move(executor), std::move(options), product)",
                "    {",
                "    }",
                "    client(boost::asio::io_context& ioc, client_options options)",
                "        : service_client(&ioc, std::move(options), product)",
                "    {",
                "    }",
                "    // On threads of its own (see rpc_client's constructor of the same form).",
                "    explicit client(client_options options) : service_client(std::move(options), product) {}",
                "",
                "    ALICLOUD_%s_OPERATIONS(ALICLOUD_SERVICE_CLIENT_OPERATION)" % self.ns.upper(),
                "};", "",
                "} // namespace alicloud::%s" % self.ns, "", "#endif", ""]
        return "\n".join(text)

    def write_all_models(self):
        g = "ALICLOUD_%s_ALL_MODELS_HPP" % self.ns.upper()
        text = [self.banner(), "#ifndef " + g, "#define " + g, "",
                "// Every operation's models. Convenient, and slow to compile: prefer the",
                "// headers of the operations a program calls.", ""]
        for action, op, req, resp in self.operations:
            text.append("#include <alicloud/%s/models/%s.hpp>" % (self.ns, req.name[: -len("_request")]))
        text += ["", "#endif", ""]
        return "\n".join(text)

    def write_sources_cmake(self, ops, types):
        text = [self.banner("#"), "set(ALICLOUD_%s_GENERATED_SOURCES" % self.ns.upper()]
        for n in ops:
            text.append("  ${CMAKE_CURRENT_LIST_DIR}/%s.cpp" % n)
        for n in types:
            text.append("  ${CMAKE_CURRENT_LIST_DIR}/types/%s.cpp" % n)
        text.append(")")
        text.append("# Its own object file, never in a unity batch: only a program that reads the")
        text.append("# catalog links it.")
        text.append("set(ALICLOUD_%s_CATALOG_SOURCE ${CMAKE_CURRENT_LIST_DIR}/catalog.cpp)" % self.ns.upper())
        return "\n".join(text) + "\n"

    # the catalog: each operation's parameters by wire name, for tools (<alicloud/core/api_catalog.hpp>)

    CATALOG_TYPE = {"string": "string", "boolean": "boolean", "int32": "int32", "int64": "int64",
                    "float32": "float32", "float64": "float64"}

    def catalog_entries(self, cls, prefix=""):
        """(wire name, parameter_type, required) of a request's fields, flattened as the
        encoder sends them (lib/core/model/encode.cpp): a list's elements numbered N, a
        nested object's members after a dot, each group listed before its members.
        RegionId first, then the required ones, then the rest, by wire name."""
        out = []
        rank = lambda f: (0 if f.wire == "RegionId" else 1 if f.required else 2, f.wire.encode())
        for f in sorted(cls.fields, key=rank):
            name = prefix + f.wire
            many = f.form in ("list", "optional_list")
            if f.json:
                kind = "json_array" if many else "json_object" if f.kind in ("object", "map") else self.CATALOG_TYPE[f.kind]
                out.append((name, kind, f.required))
            elif f.comma:
                out.append((name, "string", f.required))
            elif f.kind == "map":
                sys.exit("generate.py: %s is a map sent as %s.<key>, which the catalog cannot name" % (name, name))
            elif f.kind == "object":
                group = name + (".N" if many else "")
                out.append((group, "object", f.required))
                out += self.catalog_entries(f.cls, group + ".")
            else:
                out.append((name + (".N" if many else ""), self.CATALOG_TYPE[f.kind], f.required))
        return out

    def write_catalog_header(self):
        g = "ALICLOUD_%s_CATALOG_HPP" % self.ns.upper()
        versions = sorted({op["version"] for _, op, _, _ in self.operations})
        text = [self.banner(), "#ifndef " + g, "#define " + g, "",
                "// Every %s operation's parameters, as data a program reads at run time" % self.title,
                "// (<alicloud/core/api_catalog.hpp>). Defined in an object file of its own: a",
                "// program that does not call catalog() does not link it.", "",
                "#include <alicloud/core/api_catalog.hpp>", "",
                "namespace alicloud::%s {" % self.ns, "",
                "// %s API %s: %d operations." % (self.title, ", ".join(versions), len(self.operations)),
                "const api_catalog& catalog() noexcept;", "",
                "} // namespace alicloud::%s" % self.ns, "", "#endif", ""]
        return "\n".join(text)

    def api_version(self):
        versions = {op["version"] for _, op, _, _ in self.operations}
        if len(versions) != 1:
            sys.exit("generate.py: a client speaks one API version, the schema has " + ", ".join(sorted(versions)))
        return versions.pop()

    def write_catalog_source(self):

        text = [self.banner(), "#include <alicloud/%s/catalog.hpp>" % self.ns, "",
                "namespace alicloud::%s {" % self.ns, "namespace generated::catalog_data {", "",
                "using t = parameter_type;", ""]
        ops = []
        for action, op, req, resp in self.operations:
            n = req.name[: -len("_request")]
            entries = self.catalog_entries(req)
            if entries:
                text.append("constexpr parameter_description %s[] = {" % n)
                for name, kind, required in entries:
                    text.append("    {%s, t::%s, %s}," % (cpp_string(name), kind, "true" if required else "false"))
                text.append("};")
            ops.append("    {%s, %s, %s}," % (cpp_string(action), n if entries else "{}",
                                             "true" if self.is_idempotent(action) else "false"))
        text += ["", "constexpr operation_description operations[] = {"] + ops + ["};", ""]
        text += ["constexpr api_catalog catalog{%s, %s, operations};" % (cpp_string(self.ns), cpp_string(self.api_version())),
                 "", "} // namespace generated::catalog_data", "",
                 "const api_catalog& catalog() noexcept", "{", "    return generated::catalog_data::catalog;", "}", "",
                 "} // namespace alicloud::%s" % self.ns, ""]
        return "\n".join(text)

    def write_wire_keys(self):
        text = [self.banner(), "// {Action, \"key key key...\"}: the keys the official SDK sent for a request",
                "// with every field set, one element per list (the schema's wire.query and wire.body)."]
        for action, op, req, resp in self.operations:
            keys = " ".join(sorted(op["wire"]["query"] + op["wire"].get("body", [])))
            text.append("{%s, %s}," % (cpp_string(action), cpp_string(keys)))
        return "\n".join(text) + "\n"

    def files(self):
        out = {}
        inc = "include/alicloud/%s" % self.ns
        lib = "lib/%s/generated" % self.ns
        for t in self.types:
            if t.shared:
                out["%s/types/%s.hpp" % (inc, t.name)] = self.write_type_header(t)
                out["%s/types/%s.cpp" % (lib, t.name)] = self.write_type_source(t)
        names = []
        for action, op, req, resp in self.operations:
            n = req.name[: -len("_request")]
            names.append(n)
            out["%s/models/%s.hpp" % (inc, n)] = self.write_op_header(action, op, req, resp)
            out["%s/%s.cpp" % (lib, n)] = self.write_op_source(action, op, req, resp)
        out["%s/operations.hpp" % inc] = self.write_operations_header()
        out["%s/client.hpp" % inc] = self.write_client_header()
        out["%s/catalog.hpp" % inc] = self.write_catalog_header()
        out["%s/catalog.cpp" % lib] = self.write_catalog_source()
        out["%s/all_models.hpp" % inc] = self.write_all_models()
        out["%s/type_infos.hpp" % lib] = self.write_type_infos()
        out["%s/sources.cmake" % lib] = self.write_sources_cmake(names, [t.name for t in self.types if t.shared])
        out["test/%s/generated/wire_keys.inc" % self.ns] = self.write_wire_keys()
        return out


def generated_dirs(ns):
    return ["include/alicloud/%s/models" % ns, "include/alicloud/%s/types" % ns, "lib/%s/generated" % ns,
            "test/%s/generated" % ns]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("product", choices=sorted(PRODUCTS))
    ap.add_argument("--out", default=ROOT, help="the tree to write into (default: the repository)")
    args = ap.parse_args()
    schema_file, ns, _ = PRODUCTS[args.product]
    with open(os.path.join(HERE, "schemas", schema_file), encoding="utf-8") as f:
        schema = json.load(f)
    ov_path = os.path.join(HERE, "overrides", args.product + ".json")
    overrides = {}
    if os.path.exists(ov_path):
        with open(ov_path, encoding="utf-8") as f:
            overrides = json.load(f)
    gen = Generator(args.product, schema, overrides)
    gen.build()
    files = gen.files()
    # Generated folders hold generated files only: what the schema no longer has goes.
    for d in generated_dirs(ns):
        full = os.path.join(args.out, d)
        for dirpath, _, names in os.walk(full):
            for n in names:
                rel = os.path.relpath(os.path.join(dirpath, n), args.out).replace(os.sep, "/")
                if rel not in files:
                    os.remove(os.path.join(dirpath, n))
    for rel, text in sorted(files.items()):
        path = os.path.join(args.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if old != text:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
    print("generate.py: %s: %d operations, %d shared types, %d files" % (
        args.product, len(gen.operations), sum(1 for t in gen.types if t.shared), len(files)))


if __name__ == "__main__":
    main()
