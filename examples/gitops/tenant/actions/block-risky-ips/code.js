const utils = require('actions:shared-utils');

exports.onExecutePostLogin = async (event, api) => {
  const blocked = (event.secrets.BLOCKED_IPS ?? '').split(',');
  if (utils.isRisky(event.request.ip, blocked)) {
    api.access.deny('Access from this address is not allowed.');
  }
};
