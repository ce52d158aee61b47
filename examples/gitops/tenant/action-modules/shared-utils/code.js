// Helpers shared by the tenant's actions: require('actions:shared-utils').
const ROLES_CLAIM = 'https://example.com/roles';

module.exports = {
  setRoles(api, roles) {
    api.idToken.setCustomClaim(ROLES_CLAIM, roles ?? []);
    api.accessToken.setCustomClaim(ROLES_CLAIM, roles ?? []);
  },
  isRisky(ip, blocked) {
    return blocked.includes(ip);
  },
};
