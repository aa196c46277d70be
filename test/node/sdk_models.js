'use strict';
// What the scripts driving the official Node.js SDKs share.

// Builds an SDK request model from wire-named parameters (RegionId, Tag:[{Key,Value}], ...),
// refusing names the model does not know.
function toModel(Cls, map) {
    const names = Cls.names();
    const types = Cls.types();
    const byWire = {};
    for (const [key, wire] of Object.entries(names)) byWire[wire] = key;
    const init = {};
    for (const [wire, value] of Object.entries(map)) {
        const key = byWire[wire];
        if (!key) throw new Error(`${Cls.name} has no parameter ${wire}`);
        const t = types[key];
        if (t && typeof t === 'object' && t.type === 'array') {
            init[key] = value.map((item) => (typeof t.itemType === 'function' ? toModel(t.itemType, item) : item));
        } else if (typeof t === 'function') {
            init[key] = toModel(t, value);
        } else {
            init[key] = value;
        }
    }
    return new Cls(init);
}

module.exports = { toModel };
