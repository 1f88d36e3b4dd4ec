import { plaid } from './adapters/plaid.js';
import { providerContract } from './provider-contract.js';

providerContract(plaid);
