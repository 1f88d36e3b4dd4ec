import { enablebanking } from './adapters/enablebanking.js';
import { providerContract } from './provider-contract.js';

providerContract(enablebanking);
