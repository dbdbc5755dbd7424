"""Reads a flow function's name and parameter schema from its source, without importing it.

Usage: python3 inspect_flow.py FILE FUNCTION. Prints one JSON object: {"flow_name", "parameters"}
or {"error": ..., "message": ...}. Standard library only.
"""
import ast
import json
import sys

TYPES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean", "list": "array",
         "List": "array", "tuple": "array", "Tuple": "array", "set": "array", "dict": "object", "Dict": "object"}


def type_of(annotation):
    if annotation is None:
        return None
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            return type_of(ast.parse(annotation.value, mode="eval").body)
        except SyntaxError:
            return None
    if isinstance(annotation, ast.Name):
        return TYPES.get(annotation.id)
    if isinstance(annotation, ast.Attribute):
        return TYPES.get(annotation.attr)
    if isinstance(annotation, ast.Subscript):
        outer = type_of(annotation.value)
        if outer:
            return outer
        if isinstance(annotation.value, (ast.Name, ast.Attribute)) and getattr(annotation.value, "id", getattr(annotation.value, "attr", "")) == "Optional":
            return type_of(annotation.slice)
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        left, right = type_of(annotation.left), type_of(annotation.right)
        return left or right
    return None


def flow_name(function):
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call):
            for keyword in decorator.keywords:
                if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                    return keyword.value.value
    return function.name.replace("_", "-")


def schema(function):
    args = function.args
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = list(zip(positional, defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))
    properties, required = {}, []
    for position, (arg, default) in enumerate(pairs):
        prop = {"title": arg.arg}
        if default is None:
            required.append(arg.arg)
        else:
            try:
                prop["default"] = ast.literal_eval(default)
            except ValueError:
                pass
        prop["position"] = position
        kind = type_of(arg.annotation)
        if kind:
            prop["type"] = kind
        properties[arg.arg] = prop
    return {"title": "Parameters", "type": "object", "properties": properties,
            "required": required or None, "definitions": None}


def main(path, name):
    with open(path, encoding="utf-8") as source:
        text = source.read()
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as error:
        return {"error": "syntax", "message": "line %s: %s" % (error.lineno, error.msg)}
    functions = [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for function in functions:
        if function.name == name:
            return {"flow_name": flow_name(function), "parameters": schema(function)}
    return {"error": "missing", "message": ", ".join(f.name for f in functions) or "none"}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
