// Prettier for the addon's XML and JavaScript (OCA's settings for Odoo 18.0), run by
// ./dev lint (check) and .pre-commit-config.yaml (write). The XML plugin is found through
// NODE_PATH, set by both.
/** @type {import('prettier').Config} */
const config = {
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "preserve",
};

module.exports = config;
