#!/usr/bin/env python3
"""Extracts the endpoint tables from the official OpenAPI metadata.

usage: extract.py <products.json of aliyun/aliyun-openapi-meta> > products_endpoints.json

Keeps, per product, what endpoint resolution needs: its code, its location
service code, its regional and VPC endpoints and its global endpoint. Keys
that are not region ids (the data has a few, e.g. "public") are dropped.
"""
import json
import re
import sys

REGION = re.compile(r"^[a-z]{2,}(-[a-z0-9]+)+$")


def clean(table):
    return {k: v for k, v in sorted((table or {}).items()) if REGION.match(k) and v}


def main(path):
    with open(path, encoding="utf-8") as f:
        products = json.load(f)["products"]
    out = []
    for p in sorted(products, key=lambda p: p["code"].lower()):
        entry = {
            "code": p["code"],
            "location": p.get("location_service_code") or "",
            "regional": clean(p.get("regional_endpoints")),
            "vpc": clean(p.get("regional_vpc_endpoints")),
            "global": p.get("global_endpoint") or "",
        }
        out.append(entry)
    json.dump({"source": "aliyun/aliyun-openapi-meta products.json (Apache-2.0)", "products": out},
              sys.stdout, indent=0, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
