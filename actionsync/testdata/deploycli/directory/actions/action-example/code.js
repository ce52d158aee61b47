/** @type {PostLoginAction} */
module.exports = async (event, context) => {
  return {};
};
