import * as assert from "assert";
import { DEFAULT_WIDTH, widthFor, wrapList } from "../../../tools/lib/render";

describe("tools/lib/render/style", () => {
    it("wraps at the terminal's width, at DEFAULT_WIDTH off a terminal, never narrower than 60", () => {
        assert.strictEqual(widthFor({ isTTY: true, columns: 80 }, {}), 80);
        assert.strictEqual(widthFor({ isTTY: true }, { COLUMNS: "100" }), 100);
        assert.strictEqual(widthFor({ isTTY: false, columns: 80 }, { COLUMNS: "100" }), DEFAULT_WIDTH);
        assert.strictEqual(widthFor({ isTTY: true, columns: 20 }, {}), 60);
        assert.strictEqual(DEFAULT_WIDTH, 118);
    });

    it("wraps a list so that no line, indent included, passes the width", () => {
        assert.deepStrictEqual(wrapList(["aaaa", "bbbb", "cccc", "dd"], 14, "  "), ["  aaaa, bbbb,", "  cccc, dd"]);
        assert.deepStrictEqual(wrapList(["a-very-long-item"], 8, "  "), ["  a-very-long-item"]);
    });
});
