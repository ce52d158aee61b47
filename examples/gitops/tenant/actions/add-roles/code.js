const utils = require('actions:shared-utils');

exports.onExecutePostLogin = async (event, api) => {
  utils.setRoles(api, event.authorization?.roles);
};
