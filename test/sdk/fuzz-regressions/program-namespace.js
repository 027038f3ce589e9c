import { XanoScript } from 'xano-sdk';
export default XanoScript.create('ns', 'GET').response(1).build();
