module.exports = require('./deferred-drops').teardown;
