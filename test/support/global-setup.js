module.exports = require('./deferred-drops').setup;
